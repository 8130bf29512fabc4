package io.intrapoll.event;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * A question was asked (fired in the asking transaction): webhooks announce it as {@code event.question.created},
 * with this as their data. An anonymous question's author is null, as everywhere.
 */
public record QuestionAsked(
        String eventId,
        String id,
        String text,
        @JsonbNillable String author,
        QuestionStatus status,
        Instant createdAt) {

    static QuestionAsked of(Question question) {
        return new QuestionAsked(
                question.eventId(),
                question.id(),
                question.text(),
                question.author(),
                question.status(),
                question.createdAt());
    }

    /** The question the deliveries are about (not a component: JSON-B writes only the components). */
    public String questionId() {
        return id;
    }
}
