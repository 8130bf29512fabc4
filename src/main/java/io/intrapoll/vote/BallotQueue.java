package io.intrapoll.vote;

import io.intrapoll.platform.Messaging;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Writes a group of ballots to the durable ballot queue as persistent messages. The send runs in its own
 * transaction: when this method returns, the broker has committed the messages to its journal.
 */
@ApplicationScoped
public class BallotQueue {

    @Resource(lookup = Messaging.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Messaging.BALLOTS)
    Queue ballotQueue;

    @Resource(lookup = Messaging.UNREADABLE_BALLOTS)
    Queue unreadableBallots;

    /** Picks the choices halves' delays and order: an outsider must not predict either. */
    private final SecureRandom random = new SecureRandom();

    @Inject
    @ConfigProperty(name = "intrapoll.anonymous.choices-delay-min-ms")
    long minChoicesDelayMillis;

    @Inject
    @ConfigProperty(name = "intrapoll.anonymous.choices-delay-max-ms")
    long maxChoicesDelayMillis;

    /**
     * Sends a group of accepted ballots in one transaction. Named ballots go as one message. An anonymous poll's
     * ballot goes in two halves that share nothing but the poll: its participation (the pseudonym) as a message of
     * its own, which carries the ballot's duplicate id (poll, pseudonym, revision), and its choices, shuffled with
     * the group's other anonymous choices into one message delivered after a random delay. Should the same
     * ballot be sent again (a retry after its node died), the broker drops the whole transaction, so its choices
     * are never queued twice either; the caller sees that as a {@link #isDuplicate duplicate}.
     *
     * <p>While the broker keeps failing, the breaker opens and groups are refused at once (their votes get a 503)
     * instead of each waiting for its own failed connection attempt; after two seconds one group tries again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2000, successThreshold = 1)
    public void send(List<Ballot> ballots) throws JMSException {
        List<Ballot> named =
                ballots.stream().filter(ballot -> !ballot.isAnonymous()).toList();
        List<Ballot> anonymous = ballots.stream().filter(Ballot::isAnonymous).toList();
        try (JMSContext jms = connectionFactory.createContext()) {
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            if (!named.isEmpty()) {
                producer.send(ballotQueue, ballotMessage(jms, named));
            }
            if (anonymous.isEmpty()) {
                return;
            }
            for (Ballot ballot : anonymous) {
                TextMessage participation = ballotMessage(jms, List.of(ballot.participationHalf()));
                participation.setStringProperty(Messaging.DUPLICATE_ID_PROPERTY, duplicateId(ballot));
                producer.send(ballotQueue, participation);
            }
            List<AnonymousChoices> choices =
                    new ArrayList<>(anonymous.stream().map(Ballot::choicesHalf).toList());
            Collections.shuffle(choices, random);
            TextMessage message = jms.createTextMessage(BallotMessages.encodeChoices(choices));
            message.setStringProperty(Messaging.KIND_PROPERTY, Messaging.CHOICES);
            producer.setDeliveryDelay(choicesDelayMillis()).send(ballotQueue, message);
        }
    }

    private static TextMessage ballotMessage(JMSContext jms, List<Ballot> ballots) throws JMSException {
        LinkedHashSet<String> polls = new LinkedHashSet<>(); // the ids' text: the message property is comma-joined
        ballots.forEach(ballot -> polls.add(ballot.pollId().value()));
        TextMessage message = jms.createTextMessage(BallotMessages.encode(ballots));
        message.setStringProperty(Messaging.POLLS_PROPERTY, String.join(",", polls));
        return message;
    }

    /** The same for every sending of one ballot, and different for any other ballot. */
    private static String duplicateId(Ballot ballot) {
        return "participation\n" + ballot.pollId().value() + '\n' + ballot.voterKey() + '\n' + ballot.revision();
    }

    private long choicesDelayMillis() {
        return maxChoicesDelayMillis <= minChoicesDelayMillis
                ? minChoicesDelayMillis
                : random.nextLong(minChoicesDelayMillis, maxChoicesDelayMillis + 1);
    }

    /** Whether a send failed because the broker had seen one of its anonymous ballots already. */
    static boolean isDuplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // By name: the resource adapter's classes are not the application's.
            if (cause.getClass().getName().endsWith(".ActiveMQDuplicateIdException")
                    || String.valueOf(cause.getMessage()).contains("Duplicate message detected")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
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
