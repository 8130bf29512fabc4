package io.intrapoll.vote;

import io.intrapoll.tally.QueueWatch;
import io.intrapoll.tally.TalliesChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The pipeline's metrics on /metrics: ballots accepted and rejected (by a fixed set of reasons, never by user
 * data), ingest latency, group sizes on the way in and on the way to the tallies, and aggregation lag.
 */
@ApplicationScoped
public class VoteMetrics {

    /** Why a ballot was refused: a closed set, so the metric's cardinality stays bounded. */
    enum Rejection {
        ALREADY_VOTED,
        POLL_NOT_OPEN,
        INVALID_CHOICES,
        NOT_ALLOWED,
        UNAVAILABLE
    }

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    QueueWatch queue;

    private final Clock clock = Clock.systemUTC();
    private final AtomicLong lastCountedAt = new AtomicLong(clock.millis());
    private final AtomicLong lastFailedAt = new AtomicLong();
    // Looked up once: a registry lookup by name and tags costs more than the update itself.
    private Counter accepted;
    private Timer ingestLatency;
    private Histogram intakeGroupSize;
    private Histogram aggregationBatchSize;
    private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);

    /** Created at start-up, so the queue-depth gauge is there before the first vote. */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the @PostConstruct below does the work
    }

    @PostConstruct
    void register() {
        accepted = registry.counter(Metadata.builder()
                .withName("intrapoll_ballots_accepted")
                .withDescription("Ballots accepted (durable on the broker) by this node")
                .build());
        for (Rejection reason : Rejection.values()) {
            rejections.put(
                    reason,
                    registry.counter(
                            Metadata.builder()
                                    .withName("intrapoll_ballots_rejected")
                                    .withDescription("Ballots refused by this node, by reason")
                                    .build(),
                            new Tag("reason", reason.name().toLowerCase(Locale.ROOT))));
        }
        ingestLatency = registry.timer(Metadata.builder()
                .withName("intrapoll_vote_ingest")
                .withDescription("Time from a vote request's arrival to its answer")
                .withUnit(MetricUnits.SECONDS)
                .build());
        intakeGroupSize = histogram(
                "intrapoll_intake_group_size", "Ballots written to the broker per durable write (group commit)");
        aggregationBatchSize =
                histogram("intrapoll_aggregation_batch_size", "Ballots counted per aggregator transaction");
        registry.gauge(
                Metadata.builder()
                        .withName("intrapoll_ballot_queue_depth")
                        .withDescription(
                                "Groups of accepted ballots waiting on the broker to be counted (-1: broker away)")
                        .build(),
                queue,
                QueueWatch::depth);
        registry.gauge(
                Metadata.builder()
                        .withName("intrapoll_aggregation_lag")
                        .withDescription("Age of the oldest accepted ballot not yet in the tallies (0: none waits)")
                        // Prometheus's base unit: the registry appends it (intrapoll_aggregation_lag_seconds).
                        .withUnit(MetricUnits.SECONDS)
                        .build(),
                this,
                metrics -> metrics.aggregationLagMillis() / 1000.0);
    }

    /**
     * While counting fails (the database away), the time since the last group was counted; otherwise the age of
     * the oldest group waiting on the queue. Groups waiting for a delayed redelivery are not visible to a queue
     * browser, which is why a failure counts from the last success.
     */
    public long aggregationLagMillis() {
        long now = clock.millis();
        if (lastFailedAt.get() > lastCountedAt.get()) {
            return now - lastCountedAt.get();
        }
        return queue.oldestWaiting()
                .map(sent -> Math.max(0, now - sent.toEpochMilli()))
                .orElse(0L);
    }

    /** A group could not be counted (it will be redelivered). */
    void aggregationFailed() {
        lastFailedAt.set(clock.millis());
    }

    Counter accepted() {
        return accepted;
    }

    void rejected(Rejection reason) {
        rejections.get(reason).inc();
    }

    Timer ingestLatency() {
        return ingestLatency;
    }

    void intakeGroup(int size) {
        intakeGroupSize.update(size);
    }

    void aggregated(@Observes(during = TransactionPhase.AFTER_SUCCESS) TalliesChanged change) {
        aggregationBatchSize.update(change.ballots());
    }

    /** A group was counted (or found counted already, on a redelivery). */
    void aggregationSucceeded() {
        lastCountedAt.set(clock.millis());
    }

    private Histogram histogram(String name, String description) {
        return registry.histogram(
                Metadata.builder().withName(name).withDescription(description).build());
    }
}
