package io.intrapoll.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.intrapoll.platform.Caches;
import io.intrapoll.poll.PollId;
import io.intrapoll.tally.TalliesChanged.PollChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.infinispan.Cache;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deltas on the cached copy of a poll's tallies, on a real (local) Infinispan cache. */
class LiveTalliesTest {

    private static final PollId POLL = new PollId("p1");

    private DefaultCacheManager manager;
    private Cache<String, String> cache;
    private final AtomicInteger reads = new AtomicInteger();
    private LiveTallies.Copy inDatabase;
    private LiveTallies live;

    @BeforeEach
    void setUp() {
        manager = new DefaultCacheManager();
        manager.defineConfiguration("tallies", new org.infinispan.configuration.cache.ConfigurationBuilder().build());
        cache = manager.getCache("tallies");
        live = new LiveTallies();
        live.caches = new Caches() {
            @Override
            public Cache<String, String> tallies() {
                return cache;
            }
        };
        live.durable = new TallyRepository() {
            @Override
            LiveTallies.Copy read(PollId pollId, long readAtMillis) {
                reads.incrementAndGet();
                return new LiveTallies.Copy(inDatabase.tally(), inDatabase.revision(), 0, readAtMillis);
            }
        };
        at(0);
        inDatabase = copy(3, 10, Map.of("a", 6L, "b", 4L));
    }

    @AfterEach
    void tearDown() {
        manager.stop();
    }

    @Test
    void theNextDeltaIsAddedWithoutReadingTheDatabase() {
        live.of(POLL);
        changed(new PollChange(2, Map.of("a", 1L, "c", 1L), 4));
        LiveTallies.Tally tally = live.of(POLL);
        assertEquals(12, tally.ballots());
        assertEquals(Map.of("a", 7L, "b", 4L, "c", 1L), tally.votes());
        assertEquals(1, reads.get(), "one read, then deltas");
    }

    @Test
    void aDeltaAlreadyInTheCopyIsSkipped() {
        live.of(POLL);
        changed(new PollChange(2, Map.of("a", 2L), 3));
        assertEquals(10, live.of(POLL).ballots());
    }

    @Test
    void aCopyThatMissedADeltaIsReadAnew() {
        live.of(POLL);
        changed(new PollChange(1, Map.of("a", 1L), 5)); // revision 4 never arrived here
        assertNull(cache.get(POLL.value()));
        inDatabase = copy(5, 12, Map.of("a", 8L, "b", 4L));
        assertEquals(12, live.of(POLL).ballots());
        assertEquals(2, reads.get());
    }

    @Test
    void deltasForAPollNotCachedWaitForTheNextRead() {
        changed(new PollChange(1, Map.of("a", 1L), 4));
        assertNull(cache.get(POLL.value()));
    }

    @Test
    void aCopyIsReadAnewOnceASecondOld() {
        live.of(POLL);
        at(999);
        live.of(POLL);
        assertEquals(1, reads.get());
        inDatabase = copy(4, 11, Map.of("a", 7L, "b", 4L));
        at(1000);
        assertEquals(11, live.of(POLL).ballots());
        assertEquals(2, reads.get());
    }

    @Test
    void copiesSurviveTheirEncoding() {
        LiveTallies.Copy copy = copy(7, 3, Map.of("x-1", 2L, "y", 1L));
        assertEquals(copy, LiveTallies.Copy.decode(copy.encode()));
        LiveTallies.Copy empty = copy(0, 0, Map.of());
        assertEquals(empty, LiveTallies.Copy.decode(empty.encode()));
    }

    private void changed(PollChange change) {
        live.changed(new TalliesChanged(Map.of(POLL, change), 1));
    }

    private void at(long millis) {
        live.clock = Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static LiveTallies.Copy copy(long revision, long ballots, Map<String, Long> votes) {
        return new LiveTallies.Copy(new LiveTallies.Tally(ballots, votes), revision, 0, 0);
    }
}
