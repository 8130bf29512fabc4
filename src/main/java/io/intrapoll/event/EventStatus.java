package io.intrapoll.event;

/** An event takes questions and upvotes while LIVE; once ENDED its code is free again and joining it is a 404. */
public enum EventStatus {
    LIVE,
    ENDED
}
