package io.intrapoll.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A poll's place in an event: a poll belongs to one event at most (the poll id is the key). */
@Entity
@Table(name = "live_event_poll")
class EventPoll {

    @Id
    @Column(name = "poll_id", length = 36)
    private String pollId;

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected EventPoll() {
        // for JPA
    }

    EventPoll(String pollId, String eventId, Instant addedAt) {
        this.pollId = pollId;
        this.eventId = eventId;
        this.addedAt = addedAt;
    }

    String pollId() {
        return pollId;
    }

    String eventId() {
        return eventId;
    }
}
