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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polls as reads and ballots see them, cached on every node so neither needs the database. The replicated cache
 * holds each poll's view as JSON; an entry is dropped everywhere once a change of its poll is committed, and a
 * missing one is read from the database. Each node keeps the decoded form of the entry it last read, so a read
 * parses a poll once per change, not once per request.
 */
@ApplicationScoped
public class PollCache {

    @Inject
    Caches caches;

    @Inject
    PollRepository polls;

    private final Map<PollId, Cached> decoded = new ConcurrentHashMap<>();
    /** Changes committed on this node: a load that overlapped one may hold the old poll and is not cached. */
    private final AtomicLong changesSeen = new AtomicLong();

    /** What a ballot is checked against. */
    public Optional<PollSnapshot> find(PollId id) {
        return read(id).map(Cached::rules);
    }

    /** The poll as the API shows it, and the rules of who may see it. */
    public Optional<Cached> read(PollId id) {
        String key = id.value(); // the replicated cache's keys are the ids' text, as every node writes them
        String encoded = caches.polls().get(key);
        if (encoded == null) {
            long changesBefore = changesSeen.get();
            Optional<PollView> loaded = polls.view(id);
            if (loaded.isEmpty()) {
                decoded.remove(id);
                return Optional.empty();
            }
            encoded = CacheValues.write(loaded.get());
            if (changesBefore == changesSeen.get()) {
                String raced = caches.polls().putIfAbsent(key, encoded);
                encoded = raced != null ? raced : encoded;
            }
        }
        Cached last = decoded.get(id);
        if (last != null && last.json().equals(encoded)) {
            return Optional.of(last);
        }
        PollView view = CacheValues.read(encoded, PollView.class);
        Cached fresh = new Cached(encoded, view, PollSnapshot.of(view));
        decoded.put(id, fresh);
        return Optional.of(fresh);
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PollChanged change) {
        changesSeen.incrementAndGet();
        caches.polls().remove(change.pollId().value());
        decoded.remove(change.pollId());
    }

    /** A cached poll: its view as JSON (as the replicated cache holds it) and decoded, its snapshot for the rules. */
    public record Cached(String json, PollView view, PollSnapshot rules) {}
}
