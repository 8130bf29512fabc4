package io.intrapoll.vote;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

/**
 * Announces changed tallies on the topic intrapoll.tallies, in the aggregating transaction: the message goes out
 * only if the group's counts are committed. Every node can subscribe and tell its own clients (live results).
 */
@ApplicationScoped
public class TallyTopic {

    /** The message property naming the changed polls, comma-separated. */
    public static final String POLLS_PROPERTY = "polls";

    @Resource(lookup = "jms/intrapoll")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/tallies")
    Topic tallies;

    void announce(TalliesChanged change) {
        try (JMSContext jms = connectionFactory.createContext()) {
            var message = jms.createTextMessage(String.join(",", change.pollIds()));
            message.setStringProperty(POLLS_PROPERTY, String.join(",", change.pollIds()));
            jms.createProducer().send(tallies, message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("Cannot announce changed tallies", e);
        }
    }
}
