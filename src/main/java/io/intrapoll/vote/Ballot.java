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
        boolean provenFirst) {

    public Ballot {
        choices = List.copyOf(choices);
    }

    boolean isAnonymous() {
        return voter == null;
    }
}
