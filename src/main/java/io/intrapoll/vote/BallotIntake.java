package io.intrapoll.vote;

import io.intrapoll.platform.Tracing;
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
import java.util.concurrent.atomic.AtomicBoolean;
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

    @Inject
    Tracing tracing;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.max-batch")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.writers")
    int writers;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.capacity")
    int capacity;

    private BlockingQueue<Submission> pending;
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

    /** Queues a ballot for the next group; its {@code durable()} completes when the group is durable on the broker. */
    Submission submit(Ballot ballot) {
        Submission submission = new Submission(ballot);
        if (!running || !pending.offer(submission)) {
            submission.durable().completeExceptionally(new IllegalStateException("ballot intake is full or stopped"));
        }
        return submission;
    }

    private void writeGroups() {
        List<Submission> group = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Submission first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                pending.drainTo(group, maxBatch - 1);
                group.removeIf(item -> !item.takeForWriting()); // withdrawn by its request
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

    private void write(List<Submission> group) {
        List<Tracing.Span> spans = new ArrayList<>();
        List<Ballot> ballots = new ArrayList<>(group.size());
        for (Submission item : group) {
            Ballot ballot = item.ballot();
            if (ballot.trace() != null) { // counting follows this span, not the request's
                Tracing.Span span = tracing.start("ballot durable write", Tracing.Kind.PRODUCER, ballot.trace());
                spans.add(span);
                ballot = ballot.tracedUnder(span.traceparent());
            }
            ballots.add(ballot);
        }
        try {
            queue.send(ballots);
        } catch (Exception e) {
            if (group.size() > 1 && ballots.stream().anyMatch(Ballot::isAnonymous)) {
                // An anonymous ballot the broker has seen drops the whole group: each alone, to find it.
                spans.forEach(Tracing.Span::end);
                for (int i = 0; i < group.size(); i++) {
                    writeAlone(group.get(i), ballots.get(i));
                }
                return;
            }
            if (ballots.size() == 1 && ballots.get(0).isAnonymous() && BallotQueue.isDuplicate(e)) {
                alreadyQueued(group.get(0));
                return;
            }
            LOG.log(Level.WARNING, "A group of " + group.size() + " ballots was not accepted by the broker", e);
            spans.forEach(span -> {
                span.failed(e);
                span.end();
            });
            group.forEach(item -> item.durable().completeExceptionally(e));
            return;
        }
        spans.forEach(Tracing.Span::end); // before the requests answer: the write is part of each
        group.forEach(item -> item.durable().complete(null));
        metrics.intakeGroup(group.size());
    }

    private void writeAlone(Submission item, Ballot ballot) {
        try {
            queue.send(List.of(ballot));
            item.durable().complete(null);
            metrics.intakeGroup(1);
        } catch (Exception e) {
            if (ballot.isAnonymous() && BallotQueue.isDuplicate(e)) {
                alreadyQueued(item);
            } else {
                LOG.log(Level.WARNING, "A ballot was not accepted by the broker", e);
                item.durable().completeExceptionally(e);
            }
        }
    }

    /**
     * The broker holds this anonymous ballot already: sent before by a node that died before it could answer, and
     * retried by its person. That first sending is durable, and it is the one counted.
     */
    private void alreadyQueued(Submission item) {
        LOG.info("An anonymous ballot was on the queue already (sent before its node stopped): that sending stands");
        item.durable().complete(null);
    }

    @PreDestroy
    void stop() {
        running = false;
        writerThreads.forEach(Thread::interrupt);
        List<Submission> left = new ArrayList<>();
        if (pending != null) {
            pending.drainTo(left);
        }
        left.forEach(item -> item.durable().completeExceptionally(new IllegalStateException("server stopping")));
    }

    /**
     * A ballot handed to the intake. A writer takes it for a group, or its request withdraws it after waiting too
     * long, whichever comes first: a withdrawn ballot is never sent, and a taken one is sent whatever its request
     * does meanwhile, so the request always knows whether its ballot may still become durable.
     */
    static final class Submission {
        private final Ballot ballot;
        private final CompletableFuture<Void> durable = new CompletableFuture<>();
        private final AtomicBoolean taken = new AtomicBoolean();

        Submission(Ballot ballot) {
            this.ballot = ballot;
        }

        Ballot ballot() {
            return ballot;
        }

        /** Completes when the ballot is durable on the broker; fails if it was not sent or the send failed. */
        CompletableFuture<Void> durable() {
            return durable;
        }

        /** True if the ballot was withdrawn before a writer took it: it will never be sent. */
        boolean withdraw() {
            if (taken.compareAndSet(false, true)) {
                durable.completeExceptionally(new IllegalStateException("withdrawn by its request"));
                return true;
            }
            return false;
        }

        /** True if this writer took the ballot for a group: it can no longer be withdrawn. */
        boolean takeForWriting() {
            return taken.compareAndSet(false, true);
        }
    }
}
