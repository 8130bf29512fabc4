package io.intrapoll.webhook;

import io.intrapoll.event.QuestionAsked;
import io.intrapoll.identity.Caller;
import io.intrapoll.identity.Role;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollStatus;
import io.intrapoll.poll.PollTransition;
import io.intrapoll.tally.ResultsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The delivery ledger in PostgreSQL: deliveries written with the poll change that caused them, each attempt started
 * and recorded in a transaction of its own. The queue says when to try; this says whether to.
 */
@ApplicationScoped
public class Deliveries {

    /**
     * How long a started attempt holds its delivery: beyond an attempt's 15 s of connecting and waiting. An attempt
     * cut off by its node's end is found by the sweep once the hold is over.
     */
    static final Duration HOLD = Duration.ofSeconds(30);

    private static final Jsonb JSON = JsonbBuilder.create();

    /** Whom the final results are read as: every poll's results are visible to an admin. */
    private static final Caller WEBHOOKS = new Caller("webhooks", java.util.Set.of(Role.ADMIN), java.util.Set.of());

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    ResultsService results;

    /** Seconds before each retry, in order; the last repeats until the delivery is given up. */
    @Inject
    @ConfigProperty(name = "intrapoll.webhooks.retry-delays-seconds")
    String retryDelays;

    @Inject
    @ConfigProperty(name = "intrapoll.webhooks.give-up-hours")
    long giveUpHours;

    /** poll.results.final waits this long after the close, for counting to catch up (anonymous choices included). */
    @Inject
    @ConfigProperty(name = "intrapoll.webhooks.final-results-delay-seconds")
    long finalResultsDelaySeconds;

    Clock clock = Clock.systemUTC();

    /** A delivery for each active webhook that wants what the transition announces, in the transition's transaction. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void recordFor(PollTransition transition) {
        Instant now = clock.instant();
        String poll = JSON.toJson(transition.poll());
        if (transition.status() == PollStatus.OPEN) {
            record(EventType.POLL_OPENED, transition, poll, now, now);
        } else if (transition.status() == PollStatus.CLOSED) {
            record(EventType.POLL_CLOSED, transition, poll, now, now);
            record(EventType.POLL_RESULTS_FINAL, transition, poll, now, now.plusSeconds(finalResultsDelaySeconds));
        }
    }

    /**
     * A delivery for each active webhook that wants a question asked at an event, in the asking transaction. The
     * data is the question as the API shows it to everyone, with its event's id: an anonymous one names nobody.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void recordFor(QuestionAsked asked) {
        Instant now = clock.instant();
        record(EventType.EVENT_QUESTION_CREATED, asked.questionId(), JSON.toJson(asked), now, now);
    }

    private void record(EventType type, PollTransition transition, String poll, Instant now, Instant due) {
        record(type, transition.poll().id(), poll, now, due);
    }

    /** @param subject the poll or question the delivery is about: its queued attempts are found by it */
    private void record(EventType type, String subject, String data, Instant now, Instant due) {
        String payload = Json.createObjectBuilder()
                .add("type", type.label())
                .add("timestamp", now.toString())
                .add("data", Json.createReader(new StringReader(data)).readObject())
                .build()
                .toString();
        for (Webhook webhook : em.createQuery("SELECT w FROM Webhook w WHERE w.active = true", Webhook.class)
                .getResultList()) {
            if (webhook.wants(type.label())) {
                em.persist(new WebhookDelivery(webhook.id(), type.label(), subject, payload, now, due));
            }
        }
    }

    /**
     * The deliveries about a poll or a question not tried yet, with when they are due: after the change commits,
     * they are queued.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Due> firstAttemptsOf(String pollId) {
        return em.createQuery(
                        "SELECT d FROM WebhookDelivery d WHERE d.pollId = :poll AND d.attempts = 0 AND d.status = :pending",
                        WebhookDelivery.class)
                .setParameter("poll", pollId)
                .setParameter("pending", WebhookDelivery.Status.PENDING.name())
                .getResultStream()
                .map(delivery -> new Due(delivery.id(), 1, delivery.nextAttemptAt()))
                .toList();
    }

    /** Pending deliveries whose attempt was due before {@code cutoff} and never ran (a message lost with its node). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Due> overdue(Instant cutoff) {
        return em.createQuery(
                        "SELECT d FROM WebhookDelivery d WHERE d.status = :pending AND d.nextAttemptAt < :cutoff",
                        WebhookDelivery.class)
                .setParameter("pending", WebhookDelivery.Status.PENDING.name())
                .setParameter("cutoff", cutoff)
                .setMaxResults(500)
                .getResultStream()
                .map(delivery -> new Due(delivery.id(), delivery.attempts() + 1, delivery.nextAttemptAt()))
                .toList();
    }

    /** An attempt of a delivery, due at a time. */
    public record Due(String deliveryId, int attempt, Instant at) {}

    /**
     * Starts attempt {@code attempt}, if it is the delivery's next one and the delivery is still pending; the
     * delivery is held meanwhile. Fixes the final results into the body at the first attempt.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Attempt> start(String deliveryId, int attempt) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null
                || delivery.status() != WebhookDelivery.Status.PENDING
                || delivery.attempts() != attempt - 1) {
            return Optional.empty(); // done, given up, deleted, or this attempt ran already
        }
        Webhook webhook = em.find(Webhook.class, delivery.webhookId());
        Instant now = clock.instant();
        if (webhook == null || !webhook.isActive()) {
            delivery.notDelivered(null, null); // switched off meanwhile: nothing goes out
            return Optional.empty();
        }
        if (attempt == 1 && EventType.POLL_RESULTS_FINAL.label().equals(delivery.type())) {
            delivery.fix(withResults(delivery.payload(), delivery.pollId()));
        }
        delivery.start(attempt, now.plus(HOLD));
        return Optional.of(new Attempt(delivery.id(), webhook.url(), webhook.secret(), delivery.payload()));
    }

    /** What an attempt sends, and where. */
    public record Attempt(String deliveryId, String url, String secret, String body) {}

    private String withResults(String payload, String pollId) {
        JsonObject body = Json.createReader(new StringReader(payload)).readObject();
        JsonObject data = body.getJsonObject("data");
        String counted;
        try {
            counted = JSON.toJson(results.results(new PollId(pollId), WEBHOOKS));
        } catch (ProblemException gone) {
            return payload; // the poll was deleted since it closed: its last view goes out alone
        }
        return Json.createObjectBuilder(body)
                .add(
                        "data",
                        Json.createObjectBuilder(data)
                                .add(
                                        "results",
                                        Json.createReader(new StringReader(counted))
                                                .readObject()))
                .build()
                .toString();
    }

    /**
     * Records how attempt {@code attempt} went: delivered on a 2xx; otherwise due again after the next delay, or given
     * up once a day (intrapoll.webhooks.give-up-hours) has passed since the event.
     *
     * @param statusCode the address's answer, or null when there was none
     * @return the delay before the next attempt, if there is one
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Duration> finish(String deliveryId, int attempt, Integer statusCode) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || delivery.attempts() != attempt || delivery.status() != WebhookDelivery.Status.PENDING) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (statusCode != null && statusCode >= 200 && statusCode < 300) {
            delivery.delivered(statusCode, now);
            return Optional.empty();
        }
        Duration delay = delayBefore(attempt + 1);
        Instant next = now.plus(delay);
        if (next.isAfter(delivery.createdAt().plus(Duration.ofHours(giveUpHours)))) {
            delivery.notDelivered(statusCode, null);
            return Optional.empty();
        }
        delivery.notDelivered(statusCode, next);
        return Optional.of(delay);
    }

    /** Before attempt 2, the first delay; before each later one, the next (the last repeating). */
    Duration delayBefore(int attempt) {
        long[] seconds = Arrays.stream(retryDelays.split(","))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .mapToLong(Long::parseLong)
                .toArray();
        return Duration.ofSeconds(seconds[Math.min(attempt - 2, seconds.length - 1)]);
    }

    /** Asks a delivery again now, whatever became of it; the attempt to queue, or empty if there is none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Due> again(String webhookId, String deliveryId) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !delivery.webhookId().equals(webhookId)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        delivery.again(now);
        return Optional.of(new Due(delivery.id(), delivery.attempts() + 1, now));
    }
}
