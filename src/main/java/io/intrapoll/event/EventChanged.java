package io.intrapoll.event;

/**
 * Something of an event changed (fired in the changing transaction, signalled to every node after it commits):
 * the event itself (its active poll, its settings, its end), or one of its questions.
 *
 * @param questionId the question that changed; null when the event did
 */
record EventChanged(String eventId, String questionId) {

    static EventChanged event(String eventId) {
        return new EventChanged(eventId, null);
    }

    static EventChanged question(String eventId, String questionId) {
        return new EventChanged(eventId, questionId);
    }
}
