package io.intrapoll.poll;

/** Where a poll is in its life. */
public enum PollStatus {
    DRAFT,
    OPEN,
    CLOSED,
    ARCHIVED
}
