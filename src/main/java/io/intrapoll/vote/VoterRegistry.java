package io.intrapoll.vote;

import io.intrapoll.platform.CacheValues;
import io.intrapoll.platform.Caches;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.infinispan.Cache;

/**
 * Who has voted where, cluster-wide: the fast one-ballot-per-person check before a ballot is accepted. A claim
 * is taken with an atomic put-if-absent on the replicated claims cache, so of many simultaneous ballots from one
 * person, on any nodes, exactly one goes on; a claim whose ballot could not be made durable is released. What
 * the cache does not know (expired, or lost with the cluster) is looked up in participation, and the database's
 * primary key on (poll, voter key) stays the final word.
 *
 * <p>A poll that opened while the claims cache was up has a "complete" marker in the same cache: every ballot of
 * that poll took its claim there, and a claim lives at least as long as the marker (the same lifespan, from a
 * later write), so while the marker is there a missing claim means no ballot, and a first vote reads no database.
 * A lost or expired marker only sends misses back to the database.
 */
@ApplicationScoped
public class VoterRegistry {

    private static final long POLL_MILLIS = 10;
    private static final String COMPLETE = "complete\n";

    @Inject
    Caches caches;

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    /**
     * The claim of this person in this poll: the existing one, or {@code fresh} when there was none (then this call
     * won, and the claim has fresh's receipt id).
     */
    Taken claim(PollId pollId, String voterKey, Claim fresh) {
        Cache<String, String> claims = caches.claims();
        String key = key(pollId, voterKey);
        String known = claims.get(key);
        if (known != null) {
            return new Taken(Claim.decode(known), false);
        }
        boolean complete = isComplete(pollId);
        Claim stored = complete ? null : stored(pollId, voterKey);
        Claim candidate = stored != null ? stored : fresh;
        String raced = claims.putIfAbsent(key, candidate.encode());
        if (raced != null) {
            return new Taken(Claim.decode(raced), false);
        }
        return new Taken(candidate, complete && candidate == fresh);
    }

    /**
     * What taking a claim found.
     *
     * @param provenFirst this call won in a poll the cache vouches for: the person's first ballot, no participation
     */
    record Taken(Claim claim, boolean provenFirst) {}

    /** Takes over a claim with a newer ballot (a change of vote); false if it changed meanwhile. */
    boolean replace(PollId pollId, String voterKey, Claim current, Claim next) {
        return caches.claims().replace(key(pollId, voterKey), current.encode(), next.encode());
    }

    /** Marks a claim's ballot as durable on the broker. */
    void confirm(PollId pollId, String voterKey, Claim pending) {
        caches.claims()
                .replace(
                        key(pollId, voterKey),
                        pending.encode(),
                        pending.durable().encode());
    }

    /** Gives a claim back when its ballot was not accepted, so the person can try again. */
    void release(PollId pollId, String voterKey, Claim claim) {
        caches.claims().remove(key(pollId, voterKey), claim.encode());
    }

    /** The person's claim in a poll, if any. */
    Claim find(PollId pollId, String voterKey) {
        String known = caches.claims().get(key(pollId, voterKey));
        if (known != null) {
            return Claim.decode(known);
        }
        return isComplete(pollId) ? null : stored(pollId, voterKey);
    }

    /** A poll opened from DRAFT has no ballots: from now on every claim of it is in the cache. */
    void opened(@Observes(during = TransactionPhase.AFTER_SUCCESS) PollOpened opened) {
        caches.claims().put(COMPLETE + opened.pollId().value(), Instant.now().toString());
    }

    /** Forgets every claim of an erased poll, and its marker: nothing in memory says who voted in it any more. */
    void forget(PollId pollId) {
        Cache<String, String> claims = caches.claims();
        String prefix = pollId.value() + '\n';
        List<String> keys = new ArrayList<>();
        try (var each = claims.keySet().iterator()) {
            while (each.hasNext()) {
                String key = each.next();
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
            }
        }
        keys.forEach(claims::remove);
        claims.remove(COMPLETE + pollId.value());
    }

    /** Whether every claim of this poll is in the cache (so a missing claim means no ballot). */
    private boolean isComplete(PollId pollId) {
        return caches.claims().containsKey(COMPLETE + pollId.value());
    }

    /**
     * Waits until a claim taken by another request is durable. Null if it was released (its ballot refused) or
     * is still pending after the wait.
     */
    Claim awaitDurable(PollId pollId, String voterKey, Claim pending, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        Claim current = pending;
        while (current != null && current.receiptId().equals(pending.receiptId())) {
            if (current.isDurable()) {
                return current;
            }
            if (System.currentTimeMillis() > deadline) {
                return null;
            }
            Thread.sleep(POLL_MILLIS);
            String latest = caches.claims().get(key(pollId, voterKey));
            current = latest == null ? null : Claim.decode(latest);
        }
        return null;
    }

    /** The person's counted ballot in a poll as a claim, from the database alone; null if none is counted. */
    Claim counted(PollId pollId, String voterKey) {
        return stored(pollId, voterKey);
    }

    /** The choices of a person's counted ballot in a named poll, or an empty list if none is counted yet. */
    List<String> countedChoices(PollId pollId, String voter) {
        return em.createQuery(
                        "SELECT b FROM CountedBallot b WHERE b.pollId = :poll AND b.voter = :voter",
                        CountedBallot.class)
                .setParameter("poll", pollId.value())
                .setParameter("voter", voter)
                .getResultStream()
                .findFirst()
                .map(CountedBallot::choices)
                .orElse(List.of());
    }

    private Claim stored(PollId pollId, String voterKey) {
        Participation participation = em.find(Participation.class, new Participation.Key(pollId, voterKey));
        return participation == null
                ? null
                : new Claim(
                        participation.receiptId(),
                        participation.idempotencyKey(),
                        participation.revision(),
                        participation.acceptedAt(),
                        null,
                        true);
    }

    private static String key(PollId pollId, String voterKey) {
        return pollId.value() + '\n' + voterKey;
    }

    /**
     * A person's accepted (or being accepted) ballot in a poll, as the claims cache holds it.
     *
     * @param choices the options chosen, or null in anonymous polls
     * @param isDurable whether the ballot is durable on the broker yet
     */
    public record Claim(
            String receiptId,
            String idempotencyKey,
            int revision,
            Instant acceptedAt,
            List<String> choices,
            boolean isDurable) {

        Claim durable() {
            return new Claim(receiptId, idempotencyKey, revision, acceptedAt, choices, true);
        }

        String encode() {
            return CacheValues.write(this);
        }

        static Claim decode(String text) {
            return CacheValues.read(text, Claim.class);
        }
    }
}
