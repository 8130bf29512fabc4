package io.intrapoll.tally;

import io.intrapoll.platform.CacheValues;
import io.intrapoll.platform.Caches;
import io.intrapoll.poll.PollId;
import io.intrapoll.tally.TalliesChanged.PollChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.Cache;

/**
 * The live tallies, in the cluster's tallies cache: what results are read from. After each counted group the
 * aggregating node adds the group's deltas to the cached copy (cluster-wide), so results move without a database
 * read. A copy knows the tally revision it reflects: a delta already in it is skipped, and a copy that missed a
 * delta (its node died between commit and update, or two groups' updates crossed) is dropped and read anew. A
 * copy is also read anew from PostgreSQL when it is more than a second old, which bounds any other drift and is
 * the rebuild after a total cache loss.
 */
@ApplicationScoped
public class LiveTallies {

    static final long FRESH_MILLIS = 1000;
    private static final int UPDATE_ATTEMPTS = 8;

    @Inject
    Caches caches;

    @Inject
    TallyRepository durable;

    Clock clock = Clock.systemUTC();

    private final Map<PollId, Decoded> lastDecoded = new ConcurrentHashMap<>();

    /** Votes per option and the ballot total of a poll. */
    public record Tally(long ballots, Map<String, Long> votes) {

        public Tally {
            votes = Map.copyOf(votes);
        }

        Tally plus(PollChange change) {
            Map<String, Long> sum = new LinkedHashMap<>(votes);
            change.votes().forEach((option, delta) -> sum.merge(option, delta, Long::sum));
            return new Tally(ballots + change.ballots(), sum);
        }
    }

    /**
     * A cached copy of a poll's tallies: the tally revision it reflects, when that revision was made (0 before the
     * first ballot) and when the copy was read from the database.
     */
    public record Copy(Tally tally, long revision, long changedAtMillis, long readAtMillis) {

        Copy plus(PollChange change) {
            return new Copy(tally.plus(change), change.revision(), change.changedAtMillis(), readAtMillis);
        }

        String encode() {
            return CacheValues.write(this);
        }

        static Copy decode(String text) {
            return CacheValues.read(text, Copy.class);
        }
    }

    Tally of(PollId pollId) {
        return copyOf(pollId).tally();
    }

    /** The tallies with their revision: what results are made of, and what their ETag names. */
    Copy copyOf(PollId pollId) {
        String cached = caches.tallies().get(key(pollId));
        if (cached != null) {
            Copy copy = decoded(pollId, cached);
            if (clock.millis() - copy.readAtMillis() < FRESH_MILLIS) {
                return copy;
            }
        }
        return readAnew(pollId, cached);
    }

    /** The cached copy decoded, once per change on this node rather than once per read. */
    private Copy decoded(PollId pollId, String cached) {
        Decoded last = lastDecoded.get(pollId);
        if (last != null && last.text().equals(cached)) {
            return last.copy();
        }
        Copy copy = Copy.decode(cached);
        lastDecoded.put(pollId, new Decoded(cached, copy));
        return copy;
    }

    private record Decoded(String text, Copy copy) {}

    /** A poll's tallies read from PostgreSQL now; the cached copy is replaced unless it changed meanwhile. */
    Copy readNow(PollId pollId) {
        return readAnew(pollId, caches.tallies().get(key(pollId)));
    }

    private Copy readAnew(PollId pollId, String cached) {
        Copy read = durable.read(pollId, clock.millis());
        if (cached == null) {
            caches.tallies().putIfAbsent(key(pollId), read.encode());
        } else {
            caches.tallies().replace(key(pollId), cached, read.encode());
        }
        return read;
    }

    /** Adds a committed group's deltas to the cached copies (on the node that counted it). */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) TalliesChanged change) {
        change.changes().forEach(this::add);
    }

    private void add(PollId pollId, PollChange change) {
        Cache<String, String> cache = caches.tallies();
        String key = key(pollId);
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            String cached = cache.get(key);
            if (cached == null) {
                return; // read from the database when next asked
            }
            Copy copy = Copy.decode(cached);
            if (copy.revision() >= change.revision()) {
                return; // read after this change was committed: it is in already
            }
            if (copy.revision() != change.revision() - 1) {
                cache.remove(key, cached); // a change before this one is missing: read anew
                return;
            }
            if (cache.replace(key, cached, copy.plus(change).encode())) {
                return;
            }
        }
        cache.remove(key);
    }

    /** The replicated cache's key: the id's text, as every node writes it. */
    private static String key(PollId pollId) {
        return pollId.value();
    }

    /** After a rebuild is committed every poll's tally is read anew. */
    void rebuilt(@Observes(during = TransactionPhase.AFTER_SUCCESS) RebuildReport report) {
        caches.tallies().clear();
    }
}
