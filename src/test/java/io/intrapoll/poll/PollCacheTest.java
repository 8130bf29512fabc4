package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Caches;
import io.intrapoll.platform.LocalCaches;
import io.intrapoll.support.InMemoryDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poll cache of several nodes over one replicated cache (a real, local Infinispan configured as the application
 * configures it) and one database (in memory, migrated like the real one): a read is served from the cache, and a
 * change committed on any node is what every node reads next, even when another node's read of the poll overlapped
 * the change.
 */
class PollCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30.123Z");

    private final Caches caches = LocalCaches.start();
    private final InMemoryDatabase database = new InMemoryDatabase(Poll.class);
    private final HeldLoads repository = new HeldLoads();

    PollCacheTest() {
        repository.em = database.entityManager();
    }

    @AfterEach
    void tearDown() {
        LocalCaches.stop(caches);
        database.close();
    }

    /** A node's poll cache: its own decoded polls, the cluster's replicated cache, the one database. */
    private PollCache node() {
        PollCache cache = new PollCache();
        cache.caches = caches;
        cache.polls = repository;
        return cache;
    }

    private PollId openPoll() {
        Poll poll = Poll.draft(
                PollId.newId(), Polls.input("Lunch?", PollType.SINGLE, List.of("Pizza", "Sushi"), List.of()), "a", NOW);
        poll.open();
        database.inTransaction(() -> repository.add(poll));
        return poll.id();
    }

    /** Closes the poll as PollService does: committed, then announced to the observers of the given node. */
    private void close(PollId id, PollCache observer) {
        long version = database.inTransaction(() -> {
            Poll poll = repository.find(id).orElseThrow();
            poll.close();
            repository.flush();
            return poll.version();
        });
        observer.changed(new PollChanged(id, version));
    }

    private static PollStatus status(PollCache node, PollId id) {
        return node.read(id).orElseThrow().view().status();
    }

    @Test
    void aCachedPollIsReadWithoutTheDatabaseOnEveryNode() {
        PollId id = openPoll();
        PollCache a = node();
        PollCache b = node();
        assertEquals(PollStatus.OPEN, status(a, id));
        assertEquals(PollStatus.OPEN, status(a, id));
        assertEquals(PollStatus.OPEN, status(b, id));
        assertEquals(1, repository.loads.get(), "one read of the database, by the first reader");
    }

    @Test
    void aChangeIsWhatEveryNodeReadsNext() {
        PollId id = openPoll();
        PollCache a = node();
        PollCache b = node();
        assertEquals(PollStatus.OPEN, status(b, id));
        close(id, a);
        assertEquals(PollStatus.CLOSED, status(a, id));
        assertEquals(PollStatus.CLOSED, status(b, id));
    }

    /**
     * Node B reads the poll from the database just before node A's close commits, and puts it in the replicated cache
     * only after node A has announced the close: the cache must not go on saying OPEN.
     */
    @Test
    void aReadOnAnotherNodeThatOverlapsACloseDoesNotCacheTheOpenPoll() throws Exception {
        PollId id = openPoll();
        PollCache a = node();
        PollCache b = node();
        readWhile(b, id, () -> close(id, a));

        assertEquals(PollStatus.CLOSED, status(a, id));
        assertEquals(PollStatus.CLOSED, status(b, id));
        assertEquals(PollStatus.CLOSED, status(node(), id), "a node that never read the poll before");
    }

    @Test
    void aReadOnTheSameNodeThatOverlapsACloseDoesNotCacheTheOpenPoll() throws Exception {
        PollId id = openPoll();
        PollCache a = node();
        readWhile(a, id, () -> close(id, a));

        assertEquals(PollStatus.CLOSED, status(a, id));
        assertEquals(PollStatus.CLOSED, status(node(), id));
    }

    @Test
    void aReadThatOverlapsADeletionDoesNotBringThePollBack() throws Exception {
        PollId id = openPoll();
        PollCache a = node();
        PollCache b = node();
        readWhile(b, id, () -> {
            database.inTransaction(() -> repository.remove(repository.find(id).orElseThrow()));
            a.changed(PollChanged.deleted(id));
        });

        assertTrue(a.read(id).isEmpty(), "deleted");
        assertTrue(b.read(id).isEmpty(), "deleted");
    }

    /** Reads the poll on a node while something commits between that read's database load and its return. */
    private void readWhile(PollCache reader, PollId id, Runnable meanwhile) throws Exception {
        HeldLoads.Hold hold = repository.holdNextLoad();
        CompletableFuture<Optional<PollCache.Cached>> overlapping =
                CompletableFuture.supplyAsync(() -> reader.read(id));
        hold.awaitLoaded();
        meanwhile.run();
        hold.release();
        overlapping.get(10, TimeUnit.SECONDS);
    }

    /** The database as PollCache reads it, where a test can hold a load between its read and its return. */
    static final class HeldLoads extends PollRepository {

        final AtomicInteger loads = new AtomicInteger();
        private volatile Hold next;

        /** A hold on the next load: it reads the database, says so, and returns only once released. */
        final class Hold {
            private final CountDownLatch loaded = new CountDownLatch(1);
            private final CountDownLatch released = new CountDownLatch(1);

            void awaitLoaded() throws InterruptedException {
                assertTrue(loaded.await(10, TimeUnit.SECONDS), "the load began");
            }

            void release() {
                released.countDown();
            }
        }

        Hold holdNextLoad() {
            Hold hold = new Hold();
            next = hold;
            return hold;
        }

        @Override
        Optional<PollView> view(PollId id) {
            loads.incrementAndGet();
            Optional<PollView> view = super.view(id);
            Hold hold = next;
            if (hold != null) {
                next = null;
                hold.loaded.countDown();
                try {
                    hold.released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return view;
        }
    }
}
