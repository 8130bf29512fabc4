package io.intrapoll.vote;

import java.time.Instant;
import java.util.List;

/**
 * Fired after a group of ballots changed the durable tallies of some polls (in the group's transaction).
 *
 * @param oldestAcceptedAt when the group's oldest ballot was accepted
 */
public record TalliesChanged(List<String> pollIds, int ballots, Instant oldestAcceptedAt) {}
