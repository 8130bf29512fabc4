package io.intrapoll.event;

/** VISIBLE to everyone in the event, PENDING a moderator's approval (moderated events), or HIDDEN by one. */
public enum QuestionStatus {
    VISIBLE,
    PENDING,
    HIDDEN
}
