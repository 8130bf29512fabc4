package io.intrapoll.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The events a webhook may ask for, by their names in the API. */
enum EventType {
    POLL_OPENED("poll.opened"),
    POLL_CLOSED("poll.closed"),
    /** After a close, once counting has caught up: the poll with its results. */
    POLL_RESULTS_FINAL("poll.results.final"),
    /** A question asked at an event (audience Q&A): the question, naming nobody when anonymous. */
    EVENT_QUESTION_CREATED("event.question.created");

    private final String label;

    EventType(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Optional<EventType> of(String label) {
        return Arrays.stream(values()).filter(type -> type.label.equals(label)).findFirst();
    }
}
