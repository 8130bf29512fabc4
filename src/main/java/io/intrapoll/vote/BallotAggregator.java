package io.intrapoll.vote;

import io.intrapoll.platform.Messaging;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts ballots: each message is a group of accepted ballots (or of anonymous ballots' choices halves), counted in one database transaction together with
 * the groups the other sessions received meanwhile ({@link CountingBatcher}). The message
 * is acknowledged only after that commit, and no transaction spans the broker and the database (so a broker crash
 * never leaves an in-doubt transaction holding ballots back): a message redelivered after its group was committed
 * counts nothing twice, because counting is idempotent. A failure (the database away) throws, and the broker
 * redelivers the message later, without limit; only a message that cannot be read at all is set aside.
 * The activation (queue, sessions) is configured in messaging.xml under the id "intrapoll/BallotAggregator".
 */
@MessageDriven(name = "BallotAggregator")
@TransactionManagement(TransactionManagementType.BEAN)
public class BallotAggregator implements MessageListener {

    private static final Logger LOG = Logger.getLogger(BallotAggregator.class.getName());

    @Inject
    CountingBatcher counting;

    @Inject
    BallotQueue queue;

    @Inject
    VoteMetrics metrics;

    @Override
    public void onMessage(Message message) {
        List<Ballot> group = List.of();
        List<AnonymousChoices> choices = List.of();
        String text = null;
        try {
            text = ((TextMessage) message).getText();
            if (Messaging.CHOICES.equals(message.getStringProperty(Messaging.KIND_PROPERTY))) {
                choices = BallotMessages.decodeChoices(text);
            } else {
                group = BallotMessages.decode(text);
            }
        } catch (JMSException | RuntimeException unreadable) {
            LOG.log(Level.SEVERE, "An unreadable ballot message was set aside on the dead-letter queue", unreadable);
            queue.setAside(text != null ? text : String.valueOf(message), unreadable.toString());
            return;
        }
        try {
            if (choices.isEmpty()) {
                counting.count(group);
            } else {
                counting.countChoices(choices);
            }
            metrics.aggregationSucceeded();
        } catch (RuntimeException e) {
            metrics.aggregationFailed();
            throw e; // the broker redelivers the group later
        }
    }
}
