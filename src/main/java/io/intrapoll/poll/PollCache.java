package io.intrapoll.poll;

import io.intrapoll.platform.Caches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Polls as ballots are checked against them, cached on every node so a vote needs no database read. An entry
 * is dropped everywhere once a change of its poll is committed; a missing one is read from the database.
 */
@ApplicationScoped
public class PollCache {

    @Inject
    Caches caches;

    @Inject
    PollRepository polls;

    public Optional<PollSnapshot> find(PollId id) {
        String cached = caches.polls().get(id.value());
        if (cached != null) {
            return Optional.of(PollSnapshot.decode(cached));
        }
        Optional<PollSnapshot> loaded = polls.find(id).map(PollSnapshot::of);
        loaded.ifPresent(snapshot -> caches.polls().putIfAbsent(id.value(), snapshot.encode()));
        return loaded;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PollChanged change) {
        caches.polls().remove(change.pollId());
    }
}
