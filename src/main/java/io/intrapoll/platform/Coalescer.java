package io.intrapoll.platform;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action soon after it is asked for, at most once per interval: at once after a quiet spell (so a lone
 * change goes out without waiting), otherwise when the interval since the last run ends, once for every request
 * made meanwhile. Runs never overlap.
 */
public final class Coalescer {

    private final ScheduledExecutorService scheduler;
    private final Runnable action;
    private final long intervalNanos;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object running = new Object();
    private volatile long lastRun;

    public Coalescer(ScheduledExecutorService scheduler, long interval, TimeUnit unit, Runnable action) {
        this.scheduler = scheduler;
        this.action = action;
        this.intervalNanos = unit.toNanos(interval);
        this.lastRun = System.nanoTime() - intervalNanos;
    }

    /** Asks for a run: the next one, if one is already due, covers this request too. */
    public void request() {
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastRun + intervalNanos - System.nanoTime());
            try {
                scheduler.schedule(this::run, wait, TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) { // the server is stopping
                scheduled.set(false);
            }
        }
    }

    private void run() {
        synchronized (running) {
            lastRun = System.nanoTime();
            // Cleared before the action: a request made while it runs gets a run of its own after the interval.
            scheduled.set(false);
            action.run();
        }
    }
}
