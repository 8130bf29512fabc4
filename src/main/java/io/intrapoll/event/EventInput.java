package io.intrapoll.event;

import io.intrapoll.platform.JsonBodies.Refused;
import io.intrapoll.platform.JsonBodies.SentFields;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An event as a client sends it, to create one (POST) or change one (PATCH: only the fields present change).
 *
 * @param present the names of the fields the request carried
 */
@Schema(name = "EventInput", description = "An event to create, or the fields of one to change (PATCH).")
@Refused(
        fields = {"id", "code", "createdBy", "createdAt", "version", "pollIds", "activePollId"},
        message = "is read-only (polls are added with POST .../polls, presented with POST .../present)")
@Refused(fields = "status", message = "is changed by POST .../end, not by a body")
public record EventInput(
        @Schema(hidden = true) @SentFields Set<String> present,

        @Schema(minLength = 1, maxLength = 200, example = "All-hands, December", description = "Required on create.")
        String title,

        @Schema(
                description = "Registry groups that may join; empty: every authenticated user.",
                example = "[\"engineering\"]")
        List<@NotNull(message = "must be a string") String> audienceGroups,

        @Schema(description = "Audience questions: on by default, anonymous questions allowed, not moderated.")
        QaInput qa) {

    public EventInput {
        present = present == null ? Set.of() : Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }

    /** The Q&A's settings; a field not sent keeps its value (its default on create). */
    @Schema(name = "QaSettingsInput")
    public record QaInput(
            @Schema(description = "Whether people may ask questions. Created without it: true.")
            Boolean enabled,

            @Schema(description = "Whether people may ask without their name. Created without it: true.")
            Boolean anonymousQuestions,

            @Schema(description = "New questions wait for a moderator's approval. Created without it: false.")
            Boolean moderated) {

        static final QaInput DEFAULT = new QaInput(null, null, null);

        boolean enabledOr(boolean otherwise) {
            return enabled == null ? otherwise : enabled;
        }

        boolean anonymousQuestionsOr(boolean otherwise) {
            return anonymousQuestions == null ? otherwise : anonymousQuestions;
        }

        boolean moderatedOr(boolean otherwise) {
            return moderated == null ? otherwise : moderated;
        }
    }
}
