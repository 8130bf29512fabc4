package io.intrapoll.poll;

/**
 * Fired in the transaction that marks a poll erased under its retention: observers in that transaction erase what
 * they keep of its ballots (the vote feature: ballots, participation, open-text answers), and after the commit what
 * they hold in memory (the claims cache).
 */
public record PollErased(PollId pollId) {}
