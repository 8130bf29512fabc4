package io.intrapoll.vote;

import io.intrapoll.platform.BrokerManagement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** How the vote pipeline is doing, for the operations console: the queue, its consumers, lag, throughput. */
@ApplicationScoped
public class PipelineStatus {

    /** The ballot queue's name on the broker (messaging.xml). */
    static final String BALLOT_QUEUE = "intrapoll.ballots";

    @Inject
    QueueWatch queue;

    @Inject
    VoteMetrics metrics;

    @Inject
    BrokerManagement broker;

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** Ballots counted in one interval, cluster-wide. */
    public record Throughput(Instant from, long ballots, double perSecond) {}

    /** Groups of ballots waiting on the queue (up to 10,000; -1: broker away). */
    public long queueDepth() {
        return queue.depth();
    }

    /** Aggregator sessions consuming the ballot queue, all nodes together; empty when the broker cannot tell. */
    public OptionalLong queueConsumers() {
        return broker.consumerCount(BALLOT_QUEUE);
    }

    /** The age of the oldest accepted ballot not yet counted; 0 when none waits. */
    public long aggregationLagMillis() {
        return metrics.aggregationLagMillis();
    }

    /**
     * Ballots counted per interval over the last {@code window}, oldest first, every interval present (zero when
     * nothing was counted), the current unfinished interval last.
     */
    public List<Throughput> countedPerInterval(Duration window, Duration interval) {
        long step = interval.toSeconds();
        long now = clock.instant().getEpochSecond();
        long last = Math.floorDiv(now, step);
        long first = last - window.toSeconds() / step + 1;
        Map<Long, Long> counted = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT bucket, COUNT(*) FROM (SELECT FLOOR(EXTRACT(EPOCH FROM"
                        + " counted_at) / ?1) AS bucket FROM ballot WHERE counted_at >= ?2) b GROUP BY bucket")
                .setParameter(1, step)
                .setParameter(2, OffsetDateTime.ofInstant(Instant.ofEpochSecond(first * step), ZoneOffset.UTC))
                .getResultList();
        for (Object[] row : rows) {
            counted.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        List<Throughput> series = new ArrayList<>();
        for (long bucket = first; bucket <= last; bucket++) {
            long ballots = counted.getOrDefault(bucket, 0L);
            long seconds = bucket == last ? Math.max(1, now - bucket * step) : step;
            series.add(new Throughput(Instant.ofEpochSecond(bucket * step), ballots, (double) ballots / seconds));
        }
        return series;
    }
}
