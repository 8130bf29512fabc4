package io.intrapoll.poll;

/** Fired when a poll is changed, moves in its lifecycle or is deleted (observers act after the commit). */
public record PollChanged(PollId pollId) {}
