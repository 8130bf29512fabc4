package io.intrapoll.tally;

import io.intrapoll.platform.Messaging;
import io.intrapoll.poll.PollId;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks into the ballot queue: how much waits to be counted, and whether any ballot of a poll still does (a poll's
 * results are final only then).
 */
@ApplicationScoped
public class QueueWatch {

    private static final Logger LOG = Logger.getLogger(QueueWatch.class.getName());

    @Resource(lookup = Messaging.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Messaging.BALLOTS)
    Queue ballotQueue;

    private static final int DEPTH_LIMIT = 10_000;

    /** Messages (groups of ballots) waiting on the ballot queue, counted up to 10,000; -1 if the broker is away. */
    public long depth() {
        try (JMSContext jms = connectionFactory.createContext();
                QueueBrowser browser = jms.createBrowser(ballotQueue)) {
            var messages = browser.getEnumeration();
            long depth = 0;
            while (messages.hasMoreElements() && depth < DEPTH_LIMIT) {
                messages.nextElement();
                depth++;
            }
            return depth;
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            return -1;
        }
    }

    /** When the group at the head of the ballot queue was sent; empty if none waits or the broker is away. */
    public Optional<Instant> oldestWaiting() {
        try (JMSContext jms = connectionFactory.createContext();
                QueueBrowser browser = jms.createBrowser(ballotQueue)) {
            var messages = browser.getEnumeration();
            return messages.hasMoreElements()
                    ? Optional.of(Instant.ofEpochMilli(((Message) messages.nextElement()).getJMSTimestamp()))
                    : Optional.empty();
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            LOG.log(Level.FINE, "Cannot browse the ballot queue", e);
            return Optional.empty();
        }
    }

    /** True when no message on the ballot queue carries a ballot of this poll; false if that cannot be told. */
    public boolean isDrained(PollId pollId) {
        // A PollId is letters, digits and dashes only: safe inside a selector literal.
        String selector = Messaging.POLLS_PROPERTY + " LIKE '%" + pollId.value() + "%'";
        try (JMSContext jms = connectionFactory.createContext();
                QueueBrowser browser = jms.createBrowser(ballotQueue, selector)) {
            return !browser.getEnumeration().hasMoreElements();
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            LOG.log(Level.FINE, "Cannot browse the ballot queue", e);
            return false;
        }
    }
}
