package io.intrapoll.poll;

/**
 * Fired (outside any transaction) just before a poll's ballots are erased under its retention: what must be made of
 * them first is made now (the results certificate, over the counted ballots). An observer that cannot make it yet
 * throws, and the erasure waits for the schedule's next round.
 */
public record ErasureDue(PollId pollId) {}
