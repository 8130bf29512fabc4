package io.intrapoll.vote;

import io.intrapoll.poll.PollId;
import java.util.List;

/**
 * The choices half of an anonymous poll's ballot: what was chosen, and nothing of who, when or with which request.
 * It travels in a message of its own, delayed and shuffled among others, and is counted in a transaction without
 * any participation, so neither the queue nor PostgreSQL can join it to the participation half ({@link Ballot}).
 *
 * @param id random, unrelated to the receipt; counting a redelivered half finds it and counts nothing twice
 * @param commitment the ballot's {@link Commitment}, or null (a ballot from before trackers): it names no person
 * @param groups which of the poll's breakdown groups the voter belongs to: groups, never the person
 */
public record AnonymousChoices(String id, PollId pollId, List<String> choices, String commitment, List<String> groups) {

    public AnonymousChoices {
        choices = List.copyOf(choices);
        groups = List.copyOf(groups);
    }
}
