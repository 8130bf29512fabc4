package io.intrapoll.poll;

/**
 * Fired when a DRAFT poll opens, by hand, at creation or on schedule (observers act after the commit): until then
 * nobody could vote in it, so it has no ballots yet.
 */
public record PollOpened(PollId pollId) {}
