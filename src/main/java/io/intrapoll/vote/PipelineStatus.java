package io.intrapoll.vote;

import io.intrapoll.platform.BrokerManagement;
import io.intrapoll.platform.Messaging;
import io.intrapoll.tally.QueueWatch;
import io.intrapoll.tally.TalliesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** How the vote pipeline is doing, for the operations console: the queue, its consumers, lag, throughput. */
@ApplicationScoped
public class PipelineStatus {

    @Inject
    QueueWatch queue;

    @Inject
    VoteMetrics metrics;

    @Inject
    BrokerManagement broker;

    private final Clock clock = Clock.systemUTC();
    private final IntervalCounts counted = new IntervalCounts();

    /** Ballots counted in one interval. */
    public record Throughput(Instant from, long ballots, double perSecond) {}

    /** Groups of ballots waiting on the queue (up to 10,000; -1: broker away). */
    public long queueDepth() {
        return queue.depth();
    }

    /** Aggregator sessions consuming the ballot queue, all nodes together; empty when the broker cannot tell. */
    public OptionalLong queueConsumers() {
        return broker.consumerCount(Messaging.BALLOTS_ADDRESS);
    }

    /** The age of the oldest accepted ballot not yet counted; 0 when none waits. */
    public long aggregationLagMillis() {
        return metrics.aggregationLagMillis();
    }

    /** Ballots this node's aggregator counted, by 10-second interval (committed groups only). */
    void counted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TalliesChanged change) {
        counted.add(clock.instant().getEpochSecond(), change.ballots());
    }

    /**
     * Ballots this node counted per 10 s over the last 10 minutes, oldest first, the current unfinished interval
     * last. Counted in memory: the database's counting times cannot serve, since an anonymous poll's ballots keep
     * only the hour.
     */
    public List<Throughput> countedPerInterval() {
        long now = clock.instant().getEpochSecond();
        List<Throughput> series = new ArrayList<>();
        long last = Math.floorDiv(now, IntervalCounts.STEP_SECONDS);
        for (long bucket = last - IntervalCounts.BUCKETS + 1; bucket <= last; bucket++) {
            long ballots = counted.get(bucket);
            long seconds = bucket == last
                    ? Math.max(1, now - bucket * IntervalCounts.STEP_SECONDS)
                    : IntervalCounts.STEP_SECONDS;
            series.add(new Throughput(
                    Instant.ofEpochSecond(bucket * IntervalCounts.STEP_SECONDS), ballots, (double) ballots / seconds));
        }
        return series;
    }

    /** Counts per 10-second interval for the last 60 intervals, in a ring. */
    static final class IntervalCounts {

        static final int STEP_SECONDS = 10;
        static final int BUCKETS = 60;

        private final long[] interval = new long[BUCKETS];
        private final long[] count = new long[BUCKETS];

        synchronized void add(long epochSecond, long ballots) {
            long bucket = Math.floorDiv(epochSecond, STEP_SECONDS);
            int slot = (int) Math.floorMod(bucket, BUCKETS);
            if (interval[slot] != bucket) {
                interval[slot] = bucket;
                count[slot] = 0;
            }
            count[slot] += ballots;
        }

        synchronized long get(long bucket) {
            int slot = (int) Math.floorMod(bucket, BUCKETS);
            return interval[slot] == bucket ? count[slot] : 0;
        }
    }
}
