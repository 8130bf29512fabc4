package io.intrapoll.tally;

import io.intrapoll.platform.Caches;
import io.intrapoll.vote.TalliesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live tallies, in the cluster's tallies cache: what results are read from. An entry is dropped on every
 * node as soon as a group of ballots of its poll is committed, and lives a second at most, so what the cache
 * shows equals PostgreSQL's durable tallies within about a second. A missing entry is read back from the
 * database: that is also the rebuild after a total cache loss.
 */
@ApplicationScoped
public class LiveTallies {

    @Inject
    Caches caches;

    @Inject
    TallyRepository durable;

    /** Votes per option and the ballot total of a poll. */
    public record Tally(long ballots, Map<String, Long> votes) {

        String encode() {
            StringBuilder text = new StringBuilder().append(ballots);
            votes.forEach((option, count) ->
                    text.append(';').append(option).append('=').append(count));
            return text.toString();
        }

        static Tally decode(String text) {
            String[] parts = text.split(";");
            Map<String, Long> votes = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int equals = parts[i].lastIndexOf('=');
                votes.put(parts[i].substring(0, equals), Long.parseLong(parts[i].substring(equals + 1)));
            }
            return new Tally(Long.parseLong(parts[0]), votes);
        }
    }

    Tally of(String pollId) {
        String cached = caches.tallies().get(pollId);
        if (cached != null) {
            return Tally.decode(cached);
        }
        Tally loaded = new Tally(durable.ballots(pollId), durable.votesPerOption(pollId));
        caches.tallies().putIfAbsent(pollId, loaded.encode());
        return loaded;
    }

    Optional<Tally> cached(String pollId) {
        return Optional.ofNullable(caches.tallies().get(pollId)).map(Tally::decode);
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) TalliesChanged change) {
        change.pollIds().forEach(caches.tallies()::remove);
    }

    /** After a rebuild every poll's tally is read anew. */
    void clear() {
        caches.tallies().clear();
    }
}
