package io.intrapoll.vote;

import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Counts ballots: each message is a group of accepted ballots, applied in the message's transaction. A failure
 * rolls the transaction back and the broker redelivers the message (after five failures it goes to the dead
 * letter queue); nothing is caught and dropped here. The activation (queue, sessions) is configured in
 * messaging.xml under the id "intrapoll/BallotAggregator".
 */
@MessageDriven(name = "BallotAggregator")
public class BallotAggregator implements MessageListener {

    @Inject
    Aggregation aggregation;

    @Override
    public void onMessage(Message message) {
        try {
            aggregation.apply(BallotMessages.decode(((TextMessage) message).getText()));
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable ballot message", e);
        }
    }
}
