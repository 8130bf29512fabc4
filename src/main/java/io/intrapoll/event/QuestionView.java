package io.intrapoll.event;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A question as the API shows it to one caller. */
@Schema(name = "Question")
public record QuestionView(
        String id,

        @Schema(description = "Absent for a hidden question in a stream event (it is gone from view)", nullable = true)
        String text,

        @Schema(description = "The asker's user name; null when anonymous", nullable = true) @JsonbNillable
        String author,

        int upvotes,
        QuestionStatus status,
        boolean answered,
        boolean pinned,
        Instant createdAt,

        @Schema(
                description = "Whether you asked it. For an anonymous question only the answer to asking it says so: "
                        + "nothing stored links it to you, so later reads cannot know.")
        boolean mine,

        @Schema(description = "Whether you upvoted it; left out in streams (a page keeps its own)", nullable = true)
        Boolean upvotedByMe) {

    static QuestionView of(Question question, String caller, Boolean upvotedByMe) {
        return new QuestionView(
                question.id(),
                question.text(),
                question.author(),
                question.upvotes(),
                question.status(),
                question.answered(),
                question.pinned(),
                question.createdAt(),
                caller != null && caller.equals(question.author()),
                upvotedByMe);
    }

    /** What a voter's page is told of a question it may no longer see: only that it is gone. */
    static QuestionView gone(Question question) {
        return new QuestionView(
                question.id(), null, null, 0, QuestionStatus.HIDDEN, false, false, question.createdAt(), false, null);
    }

    QuestionView asAsked() {
        return new QuestionView(id, text, author, upvotes, status, answered, pinned, createdAt, true, upvotedByMe);
    }

    /** The questions of an event. */
    @Schema(name = "QuestionList")
    public record Items(List<QuestionView> items) {}
}
