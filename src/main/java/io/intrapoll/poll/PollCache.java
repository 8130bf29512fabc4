package io.intrapoll.poll;

import io.intrapoll.platform.CacheValues;
import io.intrapoll.platform.Caches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.infinispan.Cache;

/**
 * Polls as reads and ballots see them, cached on every node so neither needs the database. The replicated cache
 * holds each poll's view as JSON, which carries the poll's version. A committed change leaves a mark of the version
 * it committed in place of the view, and the next read, on any node, reads the poll from the database. What a read
 * got from the database is put in the cache only over something older: a read that began before a change committed,
 * on this node or another, cannot put the poll back as it was. Each node keeps the decoded form of the entry it last
 * read, so a read parses a poll once per change, not once per request.
 */
@ApplicationScoped
public class PollCache {

    @Inject
    Caches caches;

    @Inject
    PollRepository polls;

    private final Map<PollId, Cached> decoded = new ConcurrentHashMap<>();

    /** What a ballot is checked against. */
    public Optional<PollSnapshot> find(PollId id) {
        return read(id).map(Cached::rules);
    }

    /** The poll as the API shows it, and the rules of who may see it. */
    /** Whether the poll's ballots were erased under its retention (then none is counted any more). */
    public boolean isErased(PollId id) {
        return read(id).map(cached -> cached.view().erasedAt() != null).orElse(false);
    }

    public Optional<Cached> read(PollId id) {
        String key = id.value(); // the replicated cache's keys are the ids' text, as every node writes them
        String encoded = caches.polls().get(key);
        Cached last = decoded.get(id);
        if (last != null && last.json().equals(encoded)) {
            return Optional.of(last);
        }
        Versioned cached = encoded == null ? null : Versioned.of(encoded);
        PollView view;
        if (cached == null || cached.isMark()) {
            Optional<PollView> loaded = polls.view(id);
            if (loaded.isEmpty()) {
                decoded.remove(id);
                return Optional.empty();
            }
            view = loaded.get();
            encoded = CacheValues.write(view);
            long version = view.version();
            // As new: a view of this version or a newer one, or the mark of a change newer than what was read.
            putUnless(key, encoded, there -> there.isMark() ? there.version() > version : there.version() >= version);
        } else {
            view = CacheValues.read(encoded, PollView.class);
        }
        Cached fresh = new Cached(encoded, view, PollSnapshot.of(view));
        decoded.put(id, fresh);
        return Optional.of(fresh);
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PollChanged change) {
        long version = change.version();
        // As new: a view read since the commit, or the mark of this change or a later one.
        putUnless(change.pollId().value(), Versioned.mark(version), there -> there.version() >= version);
        decoded.remove(change.pollId());
    }

    /**
     * Puts the value unless what the cache holds for the key is as new. Only conditional writes, which the replicated
     * cache decides on one member: of two nodes writing at once, one writes and the other looks again.
     */
    private void putUnless(String key, String value, Predicate<Versioned> asNew) {
        Cache<String, String> cache = caches.polls();
        while (true) {
            String current = cache.get(key);
            if (current == null) {
                if (cache.putIfAbsent(key, value) == null) {
                    return;
                }
            } else if (asNew.test(Versioned.of(current)) || cache.replace(key, current, value)) {
                return;
            }
        }
    }

    /** A cached poll: its view as JSON (as the replicated cache holds it) and decoded, its snapshot for the rules. */
    public record Cached(String json, PollView view, PollSnapshot rules) {}

    /**
     * What every value of the replicated cache tells: the version it is of. A poll's view carries its id and version;
     * a change's mark only the version the change committed ({@link PollChanged#DELETED} once the poll is gone).
     */
    public record Versioned(String id, long version) {

        static Versioned of(String json) {
            return CacheValues.read(json, Versioned.class); // from a view, the other fields are left out
        }

        static String mark(long version) {
            return CacheValues.write(new Versioned(null, version));
        }

        boolean isMark() {
            return id == null;
        }
    }
}
