package io.intrapoll.vote;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who has voted where: the fast one-ballot-per-person check before a ballot is accepted. A claim is taken
 * atomically, so of many simultaneous ballots from one person exactly one goes on; a claim whose ballot could
 * not be made durable is released. What is not known here is looked up in participation, and the database's
 * primary key on (poll, voter key) stays the final word.
 *
 * <p>This node's memory holds the claims; in a cluster two nodes can each accept a first ballot of the same
 * person, and the aggregator then counts only one of them.
 */
@ApplicationScoped
public class VoterRegistry {

    private final ConcurrentMap<String, Claim> claims = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    /**
     * The claim of this person in this poll: the existing one, or {@code fresh} when there was none.
     * Compare the answer with {@code fresh} to know whether this call won.
     */
    Claim claim(String pollId, String voterKey, Claim fresh) {
        String key = pollId + '\n' + voterKey;
        Claim known = claims.get(key);
        if (known == null) {
            known = stored(pollId, voterKey);
            if (known != null) {
                Claim raced = claims.putIfAbsent(key, known);
                known = raced != null ? raced : known;
            }
        }
        if (known != null) {
            return known;
        }
        Claim raced = claims.putIfAbsent(key, fresh);
        return raced != null ? raced : fresh;
    }

    /** Takes over an existing claim with a newer ballot (a change of vote); false if someone else changed it first. */
    boolean replace(String pollId, String voterKey, Claim current, Claim next) {
        return claims.replace(pollId + '\n' + voterKey, current, next);
    }

    /** The person's claim in a poll, if any. */
    Claim find(String pollId, String voterKey) {
        Claim known = claims.get(pollId + '\n' + voterKey);
        return known != null ? known : stored(pollId, voterKey);
    }

    /** Gives a claim back when its ballot was not accepted, so the person can try again. */
    void release(String pollId, String voterKey, Claim claim) {
        claims.remove(pollId + '\n' + voterKey, claim);
    }

    /** The choices of a person's counted ballot in a named poll, or an empty list if none is counted yet. */
    List<String> countedChoices(String pollId, String voter) {
        return em.createQuery(
                        "SELECT b FROM CountedBallot b WHERE b.pollId = :poll AND b.voter = :voter",
                        CountedBallot.class)
                .setParameter("poll", pollId)
                .setParameter("voter", voter)
                .getResultStream()
                .findFirst()
                .map(CountedBallot::choices)
                .orElse(List.of());
    }

    private Claim stored(String pollId, String voterKey) {
        Participation participation = em.find(Participation.class, new Participation.Key(pollId, voterKey));
        return participation == null
                ? null
                : new Claim(
                        participation.receiptId(),
                        participation.idempotencyKey(),
                        participation.revision(),
                        participation.acceptedAt(),
                        null,
                        CompletableFuture.completedFuture(null));
    }

    /**
     * A person's accepted (or being accepted) ballot in a poll.
     *
     * @param durable completes once the ballot is durable on the broker; fails if it could not be made so
     */
    record Claim(
            String receiptId,
            String idempotencyKey,
            int revision,
            Instant acceptedAt,
            List<String> choices,
            CompletableFuture<Void> durable) {}
}
