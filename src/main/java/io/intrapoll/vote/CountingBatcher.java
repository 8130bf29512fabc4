package io.intrapoll.vote;

import io.intrapoll.platform.EmbeddedDatabaseSync;
import io.intrapoll.platform.Tracing;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The counting side's group commit: the aggregator's sessions hand over the groups they received and wait, and
 * one counting thread counts every group waiting at that moment, or arriving within a short wait after the first
 * ({@link #lingerMillis}; no longer once every session's group is in), in one database transaction. The
 * per-transaction and per-poll work (locks, tally rows, the commit) is shared by all of them, so a busy node counts
 * in large batches and a quiet one after the short wait. A session returns (and its message is acknowledged) only
 * after the commit that holds its group, and on the embedded database after that commit is on the disk
 * ({@link EmbeddedDatabaseSync}); if that commit fails, each group of the batch is counted alone, so one bad group
 * never holds the others back, and a group that fails alone is redelivered by the broker.
 */
@ApplicationScoped
public class CountingBatcher {

    private static final Logger LOG = Logger.getLogger(CountingBatcher.class.getName());

    @Inject
    Aggregation aggregation;

    @Inject
    Tracing tracing;

    @Inject
    EmbeddedDatabaseSync databaseSync;

    @Resource
    ManagedThreadFactory threads;

    /** Stops gathering further groups into a batch once it holds this many ballots. */
    @Inject
    @ConfigProperty(name = "intrapoll.aggregator.max-batch")
    int maxBallots;

    /**
     * How long a batch waits for more groups after its first (milliseconds; 0: only those already waiting). Each
     * commit rewrites the database pages it touches, so on the embedded database fewer, larger commits write far
     * fewer bytes per ballot; the wait is a small part of a vote's way to the results (the live tallies follow the
     * commit), and none of its way to the 202.
     */
    @Inject
    @ConfigProperty(name = "intrapoll.aggregator.linger-ms")
    long lingerMillis;

    /**
     * The aggregator's sessions on this node: each hands over one group and waits for its commit, so once a batch
     * holds a group from every session nothing more can arrive, and the batch is counted without waiting further.
     */
    @Inject
    @ConfigProperty(name = "intrapoll.aggregator.sessions")
    int sessions;

    /** Beyond the database's transaction timeout: a session never waits for ever on a batch. */
    @Inject
    @ConfigProperty(name = "intrapoll.aggregator.wait-seconds")
    long waitSeconds;

    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private Thread counter;
    private volatile boolean running = true;

    /** Counts a group (with whatever else waits); returns once it is committed, throws if it was not. */
    void count(List<Ballot> group) {
        await(new Waiting(group, List.of(), new CompletableFuture<>(), List.of()));
    }

    /**
     * Counts anonymous ballots' choices halves, with the other choices waiting but in a transaction of their own:
     * never in one with any participation.
     */
    void countChoices(List<AnonymousChoices> choices) {
        await(new Waiting(List.of(), choices, new CompletableFuture<>(), List.of()));
    }

    private void await(Waiting entry) {
        startCounter();
        waiting.add(entry);
        if (!running) {
            entry.counted().completeExceptionally(new IllegalStateException("server stopping"));
        }
        try {
            entry.counted().get(waitSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure
                    ? failure
                    : new IllegalStateException("The group was not counted", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The group was not counted within " + waitSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the group was being counted", e);
        }
    }

    /** Started with the first group, on the node that counts (an ingest-only node never starts it). */
    private synchronized void startCounter() {
        if (counter == null && running) {
            counter = threads.newThread(this::countBatches);
            counter.setName("intrapoll-ballot-counter");
            counter.start();
        }
    }

    private void countBatches() {
        List<Waiting> batch = new ArrayList<>();
        while (running) {
            try {
                Waiting first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int ballots = first.size();
                long lingerEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
                Waiting next;
                while (ballots < maxBallots && batch.size() < sessions && (next = nextWaiting(lingerEnds)) != null) {
                    batch.add(next);
                    ballots += next.size();
                }
                countTogether(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** A group already waiting, or one that arrives before the linger ends; null when none. */
    private Waiting nextWaiting(long lingerEnds) throws InterruptedException {
        Waiting next = waiting.poll();
        long left = lingerEnds - System.nanoTime();
        return next != null || left <= 0 ? next : waiting.poll(left, TimeUnit.NANOSECONDS);
    }

    /**
     * The batch in one transaction, trusting first ballots proven by the claims cache; if that fails (a redelivered
     * first ballot found its own earlier insert, a bad group, the database away), each group alone, looking every
     * participation up. The groups committed are acknowledged once the database has them on the disk.
     */
    private void countTogether(List<Waiting> batch) {
        List<Waiting> committed = new ArrayList<>();
        List<Waiting> choices = batch.stream().filter(Waiting::holdsChoices).toList();
        if (!choices.isEmpty()) {
            countTogether(
                    choices,
                    all -> aggregation.applyChoices(all.stream()
                            .flatMap(entry -> entry.choices().stream())
                            .toList()),
                    committed);
        }
        List<Waiting> traced = batch.stream()
                .filter(entry -> !entry.holdsChoices())
                .map(this::traced)
                .toList();
        if (!traced.isEmpty()) {
            countTogether(
                    traced,
                    all -> aggregation.apply(
                            all.stream()
                                    .flatMap(entry -> entry.group().stream())
                                    .toList(),
                            true),
                    committed);
        }
        acknowledge(committed);
    }

    /** The entries in one transaction, or each alone if that fails; those committed are added to committed. */
    private void countTogether(List<Waiting> entries, Consumer<List<Waiting>> countAll, List<Waiting> committed) {
        try {
            countAll.accept(entries);
            committed.addAll(entries);
        } catch (RuntimeException together) {
            LOG.log(Level.FINE, "A batch of " + entries.size() + " groups failed; counting them one by one", together);
            entries.forEach(entry -> countAlone(entry, committed));
        }
    }

    private void countAlone(Waiting entry, List<Waiting> committed) {
        try {
            if (entry.holdsChoices()) {
                aggregation.applyChoices(entry.choices());
            } else {
                aggregation.apply(entry.group());
            }
            committed.add(entry);
        } catch (RuntimeException e) {
            entry.failed(e);
        }
    }

    /**
     * One sync for all the batch's commits, then their sessions may acknowledge; if the sync fails they are
     * redelivered, and counting them again changes nothing.
     */
    private void acknowledge(List<Waiting> committed) {
        if (committed.isEmpty()) {
            return;
        }
        try {
            databaseSync.sync();
            committed.forEach(Waiting::succeeded);
        } catch (RuntimeException e) {
            committed.forEach(entry -> entry.failed(e));
        }
    }

    /** The group with a counting span for each traced ballot; the results event follows that span. */
    private Waiting traced(Waiting entry) {
        if (entry.group().stream().allMatch(ballot -> ballot.trace() == null)) {
            return entry;
        }
        List<Tracing.Span> spans = new ArrayList<>();
        List<Ballot> group = entry.group().stream()
                .map(ballot -> {
                    if (ballot.trace() == null) {
                        return ballot;
                    }
                    Tracing.Span span = tracing.start("ballot counting", Tracing.Kind.CONSUMER, ballot.trace());
                    spans.add(span);
                    return ballot.tracedUnder(span.traceparent());
                })
                .toList();
        return new Waiting(group, List.of(), entry.counted(), spans);
    }

    @PreDestroy
    void stop() {
        running = false;
        synchronized (this) {
            if (counter != null) {
                counter.interrupt();
            }
        }
        List<Waiting> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(entry -> entry.counted().completeExceptionally(new IllegalStateException("server stopping")));
    }

    /** A message's ballots, or (never both) its anonymous choices halves, waiting to be counted. */
    private record Waiting(
            List<Ballot> group,
            List<AnonymousChoices> choices,
            CompletableFuture<Void> counted,
            List<Tracing.Span> spans) {

        boolean holdsChoices() {
            return !choices.isEmpty();
        }

        int size() {
            return group.size() + choices.size();
        }

        /** Committed: its spans end, then its session may acknowledge the message. */
        void succeeded() {
            spans.forEach(Tracing.Span::end);
            counted.complete(null);
        }

        void failed(RuntimeException e) {
            spans.forEach(span -> {
                span.failed(e);
                span.end();
            });
            counted.completeExceptionally(e);
        }
    }
}
