package io.intrapoll.vote;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The group commit: ballots accepted by many requests at once are written to the broker together, as one
 * persistent message, and each request waits only for the commit of its group. While one group is being
 * written the next one gathers, so a busy server writes large groups and a quiet one writes at once.
 */
@ApplicationScoped
public class BallotIntake {

    private static final Logger LOG = Logger.getLogger(BallotIntake.class.getName());

    @Inject
    BallotQueue queue;

    @Inject
    VoteMetrics metrics;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.max-batch", defaultValue = "500")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.writers", defaultValue = "2")
    int writers;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.capacity", defaultValue = "20000")
    int capacity;

    private BlockingQueue<Pending> pending;
    private final List<Thread> writerThreads = new ArrayList<>();
    private volatile boolean running;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        pending = new LinkedBlockingQueue<>(capacity);
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread writer = threads.newThread(this::writeGroups);
            writer.setName("intrapoll-ballot-writer-" + i);
            writer.start();
            writerThreads.add(writer);
        }
    }

    /** Queues a ballot for the next group; the answer completes when the group is durable on the broker. */
    CompletableFuture<Void> submit(Ballot ballot) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        if (!running || !pending.offer(new Pending(ballot, durable))) {
            durable.completeExceptionally(new IllegalStateException("ballot intake is full or stopped"));
        }
        return durable;
    }

    private void writeGroups() {
        List<Pending> group = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                pending.drainTo(group, maxBatch - 1);
                group.removeIf(item -> item.durable().isDone()); // given up by its request
                if (!group.isEmpty()) {
                    write(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        try {
            queue.send(group.stream().map(Pending::ballot).toList());
            group.forEach(item -> item.durable().complete(null));
            metrics.intakeGroup(group.size());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "A group of " + group.size() + " ballots was not accepted by the broker", e);
            group.forEach(item -> item.durable().completeExceptionally(e));
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writerThreads.forEach(Thread::interrupt);
        List<Pending> left = new ArrayList<>();
        if (pending != null) {
            pending.drainTo(left);
        }
        left.forEach(item -> item.durable().completeExceptionally(new IllegalStateException("server stopping")));
    }

    private record Pending(Ballot ballot, CompletableFuture<Void> durable) {}
}
