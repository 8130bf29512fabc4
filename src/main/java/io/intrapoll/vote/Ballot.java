package io.intrapoll.vote;

import io.intrapoll.poll.PollId;
import java.time.Instant;
import java.util.List;

/**
 * An accepted ballot on its way to the aggregator.
 *
 * @param voterKey who voted, as participation records it: the user name, or a keyed pseudonym in anonymous polls
 * @param voter the user name, or null in anonymous polls (the ballot then carries nothing that names a person)
 * @param choices option ids in the order given (a ranking for RANKED polls)
 * @param revision 1 for a first ballot, higher for each change of vote
 * @param receiptId what the voter's receipt shows; in anonymous polls unrelated to the ballot id
 * @param provenFirst the person's first ballot in a poll whose every claim is in the claims cache
 *     ({@link VoterRegistry}): no participation can exist, so counting inserts it without looking (a redelivery,
 *     which finds its own earlier insert, is counted again without this shortcut)
 * @param trace the W3C traceparent of the step before (the request, the durable write), or null when untraced
 * @param points a quiz ballot's score, fixed when it was accepted (null for other types); it stays with the
 *     participation half of an anonymous ballot, which the leaderboard reads
 * @param commitment the ballot's {@link Commitment} (null for ballots from before receipts had trackers); it travels
 *     with the choices, never with an anonymous ballot's participation half
 * @param groups which of the poll's breakdown groups the voter belongs to, sorted (API.md, "Breakdowns"); like the
 *     commitment it travels with the choices: an anonymous ballot keeps the groups, never the person
 */
public record Ballot(
        String id,
        PollId pollId,
        String voterKey,
        String voter,
        List<String> choices,
        Instant acceptedAt,
        int revision,
        String receiptId,
        String idempotencyKey,
        boolean provenFirst,
        String trace,
        Integer points,
        String commitment,
        List<String> groups) {

    public Ballot {
        choices = List.copyOf(choices);
        groups = List.copyOf(groups);
    }

    /** A ballot with no points, commitment or breakdown groups (tests, and ballots from before them). */
    public Ballot(
            String id,
            PollId pollId,
            String voterKey,
            String voter,
            List<String> choices,
            Instant acceptedAt,
            int revision,
            String receiptId,
            String idempotencyKey,
            boolean provenFirst,
            String trace) {
        this(
                id,
                pollId,
                voterKey,
                voter,
                choices,
                acceptedAt,
                revision,
                receiptId,
                idempotencyKey,
                provenFirst,
                trace,
                null,
                null,
                List.of());
    }

    /** An untraced ballot with no points, commitment or breakdown groups. */
    public Ballot(
            String id,
            PollId pollId,
            String voterKey,
            String voter,
            List<String> choices,
            Instant acceptedAt,
            int revision,
            String receiptId,
            String idempotencyKey,
            boolean provenFirst) {
        this(id, pollId, voterKey, voter, choices, acceptedAt, revision, receiptId, idempotencyKey, provenFirst, null);
    }

    /** The same ballot, its next step traced under the given span (null: untraced). */
    Ballot tracedUnder(String traceparent) {
        return new Ballot(
                id,
                pollId,
                voterKey,
                voter,
                choices,
                acceptedAt,
                revision,
                receiptId,
                idempotencyKey,
                provenFirst,
                traceparent,
                points,
                commitment,
                groups);
    }

    boolean isAnonymous() {
        return voter == null;
    }

    /**
     * The participation half of an anonymous poll's ballot, as it travels and is counted: who took part (the
     * pseudonym), with no id and no choices. Its choices travel apart ({@link #choicesHalf()}).
     */
    Ballot participationHalf() {
        return new Ballot(
                null,
                pollId,
                voterKey,
                null,
                List.of(),
                acceptedAt,
                revision,
                receiptId,
                idempotencyKey,
                provenFirst,
                null,
                points,
                null,
                List.of());
    }

    /**
     * The choices half of an anonymous poll's ballot: its random id, poll, choices, commitment and breakdown groups,
     * nothing else.
     */
    AnonymousChoices choicesHalf() {
        return new AnonymousChoices(id, pollId, choices, commitment, groups);
    }

    /** Whether this is only {@link #participationHalf() participation}: counting records it and counts no choices. */
    boolean isParticipationOnly() {
        return id == null;
    }
}
