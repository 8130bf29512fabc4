package io.intrapoll.poll;

import io.intrapoll.platform.DatabaseMigration;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens and closes polls at their {@code opensAt} / {@code closesAt} times, and erases closed polls' ballots when their
 * retention runs out. Every server runs it; each poll's
 * transition is a conditional update that only one server wins, so it happens exactly once.
 */
@ApplicationScoped
public class PollSchedule {

    private static final Logger LOG = Logger.getLogger(PollSchedule.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ScheduledTransitions transitions;

    @Inject
    DatabaseMigration migration;

    @Inject
    Event<ErasureDue> erasuresDue;

    @Inject
    @ConfigProperty(name = "intrapoll.schedule.period-ms")
    long periodMillis;

    /** How long a day of retention lasts: 86,400 s, shorter only in tests (a test clock for erasure). */
    @Inject
    @ConfigProperty(name = "intrapoll.retention.day-seconds")
    long retentionDaySeconds;

    private final Clock clock = Clock.systemUTC();
    /** When each waiting erasure was last reported: once in ten minutes, not every second. */
    private final Map<PollId, Instant> erasureWaitReported = new ConcurrentHashMap<>();

    private static final Duration REPORT_EVERY = Duration.ofMinutes(10);
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        task = executor.scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Certifies the poll's results first (an observer of ErasureDue), then erases; a later round retries a failure. */
    private void erase(PollRepository.DueErasure due, Instant now) {
        PollId id = due.id();
        try {
            erasuresDue.fire(new ErasureDue(id));
            if (transitions.fireErasure(due, now)) {
                LOG.info(() -> "Poll " + id + ": ballots erased under its retention");
            }
            erasureWaitReported.remove(id);
        } catch (RuntimeException notYet) {
            Instant last = erasureWaitReported.get(id);
            if (last == null || last.plus(REPORT_EVERY).isBefore(now)) {
                erasureWaitReported.put(id, now);
                LOG.log(
                        last == null ? Level.INFO : Level.WARNING,
                        "Poll " + id + ": its retention has run out, but the erasure waits until its results can be"
                                + " certified (" + notYet.getMessage() + ")");
            }
        }
    }

    private void tick() {
        if (!migration.isDone()) {
            return;
        }
        Instant now = clock.instant();
        try {
            for (PollId id : transitions.dueOpenings(now)) {
                if (transitions.fireOpening(id, now)) {
                    LOG.info(() -> "Poll " + id + " opened by its schedule");
                }
            }
            for (PollId id : transitions.dueClosings(now)) {
                if (transitions.fireClosing(id, now)) {
                    LOG.info(() -> "Poll " + id + " closed by its schedule");
                }
            }
            for (PollRepository.DueErasure due :
                    transitions.dueErasures(now, Duration.ofSeconds(retentionDaySeconds))) {
                erase(due, now);
            }
        } catch (RuntimeException e) {
            // The next tick retries; a database outage must not end the schedule.
            LOG.log(Level.WARNING, "Poll schedule tick failed: " + e.getMessage());
        }
    }
}
