package io.intrapoll.vote;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Timer;

/** The pipeline's metrics without a metric registry: the counts a dashboard would show. */
final class RecordedMetrics extends VoteMetrics {

    private final AtomicLong accepted = new AtomicLong();
    private final Map<Rejection, AtomicLong> rejections = new ConcurrentHashMap<>();

    long acceptedCount() {
        return accepted.get();
    }

    long rejectedCount(Rejection reason) {
        return rejections.getOrDefault(reason, new AtomicLong()).get();
    }

    @Override
    Counter accepted() {
        return new Counter() {
            @Override
            public void inc() {
                accepted.incrementAndGet();
            }

            @Override
            public void inc(long n) {
                accepted.addAndGet(n);
            }

            @Override
            public long getCount() {
                return accepted.get();
            }
        };
    }

    @Override
    void rejected(Rejection reason) {
        rejections.computeIfAbsent(reason, any -> new AtomicLong()).incrementAndGet();
    }

    @Override
    Timer ingestLatency() {
        return UNTIMED;
    }

    @Override
    void intakeGroup(int size) {
        // group sizes are the benchmark's business
    }

    private static final Timer UNTIMED = new Timer() {
        @Override
        public void update(Duration duration) {}

        @Override
        public <T> T time(Callable<T> event) throws Exception {
            return event.call();
        }

        @Override
        public void time(Runnable event) {
            event.run();
        }

        @Override
        public Context time() {
            return new Context() {
                @Override
                public long stop() {
                    return 0;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public Duration getElapsedTime() {
            return Duration.ZERO;
        }

        @Override
        public long getCount() {
            return 0;
        }

        @Override
        public Snapshot getSnapshot() {
            throw new UnsupportedOperationException("not measured in unit tests");
        }
    };
}
