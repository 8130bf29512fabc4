package io.intrapoll.vote;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import jakarta.transaction.Transactional;

/**
 * Announces changed tallies on the topic intrapoll.tallies, after the counts are committed. Every node can
 * subscribe and tell its own clients (live results). An announcement is a hint, not a record: if the broker
 * cannot take it, live results still catch up within the live tallies' one-second lifespan.
 */
@ApplicationScoped
public class TallyTopic {

    /** The message property naming the changed polls, comma-separated. */
    public static final String POLLS_PROPERTY = "polls";

    @Resource(lookup = "jms/intrapoll")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/tallies")
    Topic tallies;

    /** Sends the announcement in a transaction of its own, on the broker alone. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void announce(TalliesChanged change) throws JMSException {
        String polls = String.join(",", change.pollIds());
        try (JMSContext jms = connectionFactory.createContext()) {
            var message = jms.createTextMessage(polls);
            message.setStringProperty(POLLS_PROPERTY, polls);
            jms.createProducer().send(tallies, message);
        }
    }
}
