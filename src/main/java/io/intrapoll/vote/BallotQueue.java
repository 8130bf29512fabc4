package io.intrapoll.vote;

import io.intrapoll.platform.Messaging;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Writes a group of ballots to the durable ballot queue as one persistent message. The send runs in its own
 * transaction: when this method returns, the broker has committed the message to its journal.
 */
@ApplicationScoped
public class BallotQueue {

    @Resource(lookup = Messaging.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Messaging.BALLOTS)
    Queue ballotQueue;

    @Resource(lookup = Messaging.UNREADABLE_BALLOTS)
    Queue unreadableBallots;

    /**
     * While the broker keeps failing, the breaker opens and groups are refused at once (their votes get a 503)
     * instead of each waiting for its own failed connection attempt; after two seconds one group tries again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2000, successThreshold = 1)
    public void send(List<Ballot> ballots) throws JMSException {
        LinkedHashSet<String> polls = new LinkedHashSet<>(); // the ids' text: the message property is comma-joined
        ballots.forEach(ballot -> polls.add(ballot.pollId().value()));
        try (JMSContext jms = connectionFactory.createContext()) {
            TextMessage message = jms.createTextMessage(BallotMessages.encode(ballots));
            message.setStringProperty(Messaging.POLLS_PROPERTY, String.join(",", polls));
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(ballotQueue, message);
        }
    }

    /**
     * Keeps a message the aggregator cannot read on the dead-letter queue, with the reason, for an operator.
     * Throws if the broker cannot take it, so the original is redelivered rather than dropped.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void setAside(String text, String reason) {
        try (JMSContext jms = connectionFactory.createContext()) {
            TextMessage message = jms.createTextMessage(text);
            message.setStringProperty("reason", reason);
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(unreadableBallots, message);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot set an unreadable ballot message aside", e);
        }
    }
}
