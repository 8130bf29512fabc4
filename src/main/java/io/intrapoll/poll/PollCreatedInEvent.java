package io.intrapoll.poll;

import io.intrapoll.identity.Caller;

/**
 * A poll created with an {@code eventId} (API.md, "Events"): fired in the creating transaction, for the events to
 * add it to the event or refuse (which undoes the creation).
 */
public record PollCreatedInEvent(PollId pollId, String eventId, Caller caller) {}
