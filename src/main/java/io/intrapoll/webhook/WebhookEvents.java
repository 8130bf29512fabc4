package io.intrapoll.webhook;

import io.intrapoll.event.QuestionAsked;
import io.intrapoll.platform.DatabaseMigration;
import io.intrapoll.poll.PollTransition;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns poll transitions into deliveries: written in the transition's own transaction (so none is lost, nor made
 * for a change that rolled back), queued once it has committed. A delivery whose message never reached the queue
 * (its node died in between, the broker was away) is found overdue and queued again by every node's sweep; the
 * attempt number lets only one of any copies run.
 */
@ApplicationScoped
public class WebhookEvents {

    private static final Logger LOG = Logger.getLogger(WebhookEvents.class.getName());
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

    @Inject
    Deliveries deliveries;

    @Inject
    DeliveryQueue queue;

    @Inject
    DatabaseMigration migration;

    @Resource
    ManagedScheduledExecutorService executor;

    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> sweep;

    void record(@Observes(during = TransactionPhase.IN_PROGRESS) PollTransition transition) {
        deliveries.recordFor(transition);
    }

    void record(@Observes(during = TransactionPhase.IN_PROGRESS) QuestionAsked asked) {
        deliveries.recordFor(asked);
    }

    void queue(@Observes(during = TransactionPhase.AFTER_SUCCESS) QuestionAsked asked) {
        queueFirstAttempts(asked.questionId());
    }

    void queue(@Observes(during = TransactionPhase.AFTER_SUCCESS) PollTransition transition) {
        queueFirstAttempts(transition.poll().id());
    }

    /** Queued on a thread of its own: the committing thread is still finishing its transaction. */
    private void queueFirstAttempts(String subject) {
        executor.execute(() -> {
            try {
                Instant now = clock.instant();
                deliveries
                        .firstAttemptsOf(subject)
                        .forEach(due -> queue.send(
                                due.deliveryId(),
                                due.attempt(),
                                Duration.between(now, due.at()).toMillis()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Webhook deliveries not queued yet; the sweep queues them", e);
            }
        });
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sweep = executor.scheduleWithFixedDelay(
                this::sweep, SWEEP_EVERY.toSeconds(), SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Queues again what was due a sweep ago and has not run. */
    private void sweep() {
        if (!migration.isDone()) {
            return;
        }
        try {
            deliveries
                    .overdue(clock.instant().minus(SWEEP_EVERY))
                    .forEach(due -> queue.send(due.deliveryId(), due.attempt(), 0));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Webhook sweep failed; the next one tries again", e);
        }
    }
}
