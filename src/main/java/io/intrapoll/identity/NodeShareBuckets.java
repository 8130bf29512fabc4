package io.intrapoll.identity;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Token buckets kept on this node only, each holding this node's share of a cluster-wide budget (the budget divided
 * by the cluster's members when the bucket is made). Spending costs no cluster round trip, which every request
 * pays; the load balancer spreads a flood over the nodes, so the shares add up to about one budget. A bucket that
 * has filled up again is the same as no bucket and is dropped.
 */
final class NodeShareBuckets {

    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final IntSupplier members;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    /** @param members how many nodes share each budget now */
    NodeShareBuckets(IntSupplier members) {
        this.members = members;
    }

    /** The bucket of {@code key} (one per budget and person or address), made with this node's share if new. */
    Bucket bucket(String key, long perMinute) {
        sweepNowAndThen();
        return buckets.computeIfAbsent(key, unused -> new Entry(share(perMinute)))
                .bucket();
    }

    private long share(long perMinute) {
        return Math.max(1, perMinute / Math.max(1, members.getAsInt()));
    }

    private void sweepNowAndThen() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last > SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(Entry::isFull);
        }
    }

    int size() {
        return buckets.size();
    }

    private record Entry(long capacity, Bucket bucket) {
        Entry(long capacity) {
            this(
                    capacity,
                    Bucket.builder()
                            .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, PERIOD))
                            .build());
        }

        boolean isFull() {
            return bucket.getAvailableTokens() >= capacity;
        }
    }
}
