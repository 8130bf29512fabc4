package io.intrapoll.poll;

import io.intrapoll.platform.JsonBodies;
import io.intrapoll.platform.JsonBodies.Refused;
import io.intrapoll.platform.JsonBodies.SentFields;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A poll as a client sends it, to create one (POST) or change one (PATCH: only the fields present change, and
 * {@code null} clears an optional field). Its values are checked as a whole poll, by {@link PollRules}: a PATCH
 * carries only part of one.
 *
 * @param present the names of the fields the request carried
 */
@Schema(name = "PollInput", description = "A poll to create, or the fields of one to change (PATCH).")
@Refused(
        fields = {"id", "createdBy", "createdAt", "version", "eligible", "openedAt", "erasedAt"},
        message = "is read-only")
@Refused(
        fields = "legalHold",
        message = "is placed and lifted by an admin (POST or DELETE .../legal-hold), not by a body")
@Refused(
        fields = "status",
        message = "is changed by the lifecycle actions (POST .../open, /close, /archive), not by a body")
public record PollInput(
        @Schema(hidden = true) @SentFields Set<String> present,

        @Schema(
                minLength = 1,
                maxLength = 200,
                example = "Where should the team lunch be on Friday?",
                description = "Required on create.")
        String title,

        @Schema(maxLength = 2000, example = "Pick one.") String description,

        @Schema(description = "Required on create; changes only in DRAFT.")
        PollType type,

        @Schema(
                minItems = 2,
                maxItems = 50,
                description = "Required on create; changes only in DRAFT. Send an existing option's id to keep it.")
        @JsonbTypeDeserializer(OptionInput.ObjectsOrLabels.class)
        List<OptionInput> options,

        @Schema(
                minimum = "1",
                description = "MULTIPLE: at most this many choices (default: all options); QUIZ: the same (default 1).")
        Integer maxChoices,

        @Schema(description = "RATING only: the scale, min 0 or 1, max 2 to 10 (default 1 to 5).")
        ScaleInput scale,

        @Schema(description = "RATING only: words for the scale's ends.")
        ScaleLabels scaleLabels,

        @Schema(minimum = "1", maximum = "500", description = "OPEN_TEXT only: the longest answer (default 280).")
        Integer maxLength,

        @Schema(
                enumeration = {"en", "de", "fr"},
                description = "OPEN_TEXT only: whose stop words the word cloud leaves out (default en).")
        String language,

        @Schema(
                minimum = "5",
                maximum = "600",
                description = "QUIZ only: ballots are taken this long after opening; faster right answers score more.")
        Integer timeLimitSeconds,

        @Schema(description = "Store no link between a person and a ballot. Created without it: false.")
        Boolean anonymous,

        @Schema(description = "Whether a voter may change a ballot while the poll is open. Created without it: false.")
        Boolean allowVoteChange,

        @Schema(description = "Created without it: LIVE.") ResultsVisibility resultsVisibility,

        @Schema(
                description = "Registry groups that may see and vote; empty: every authenticated user.",
                example = "[\"engineering\"]")
        List<@NotNull(message = "must be a string") String> audienceGroups,

        @Schema(
                description = "Registry groups the results break down by (GET .../results?by=group), at most 10;"
                        + " changes only in DRAFT. A ballot keeps which of them its voter belongs to.",
                example = "[\"engineering\", \"sales\"]")
        List<@NotNull(message = "must be a string") String> breakdownGroups,

        @Schema(description = "Opens the poll by itself at this time (once).", example = "2026-12-01T09:00:00Z")
        Instant opensAt,

        @Schema(description = "Closes the poll by itself at this time (once).", example = "2026-12-01T17:00:00Z")
        Instant closesAt,

        @Schema(description = "Create only: true opens the poll at once (left out: false).")
        Boolean open,

        @Schema(description = "Create only: the event the poll joins (its owner or an admin may add it).")
        String eventId,

        @Schema(
                description = "SINGLE only; changes only in DRAFT: once closed, the results say whether the poll"
                        + " decided (results.outcome).")
        Decision decision,

        @Schema(
                minimum = "0",
                maximum = "36500",
                example = "365",
                description = "Erase the poll's ballots, participation records and open-text answers this many days"
                        + " after it closes (tallies, certificate and audit trail stay); null: keep them.")
        Integer retentionDays) {

    public PollInput {
        present = present == null ? Set.of() : Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }

    /**
     * A SINGLE poll's decision rule: it decides when the turnout reaches quorumPercent of the electorate and an
     * option has more than majorityPercent of the ballots.
     */
    @Schema(name = "Decision")
    public record Decision(
            @Schema(minimum = "0", maximum = "100", example = "50", description = "Sent without it: 0 (no quorum).")
            Integer quorumPercent,

            @Schema(minimum = "0", maximum = "99", example = "50", description = "Sent without it: 50.")
            Integer majorityPercent) {}

    /** A RATING poll's scale. */
    @Schema(name = "Scale")
    public record ScaleInput(
            @Schema(example = "1") Integer min,
            @Schema(example = "5") Integer max) {}

    /** Words shown at a RATING scale's ends. */
    @Schema(name = "ScaleLabels")
    public record ScaleLabels(
            @Schema(maxLength = 50, example = "Poor") String min,
            @Schema(maxLength = 50, example = "Great") String max) {}

    /** An option as sent: a label, and the id of the option it keeps, if any. */
    @Schema(name = "OptionInput")
    public record OptionInput(
            @Schema(description = "PATCH: the id of an existing option to keep.")
            String id,

            @Schema(minLength = 1, maxLength = 200, example = "Pizza place")
            String label,

            @Schema(description = "QUIZ only, on every option: whether choosing it is right.")
            Boolean correct) {

        /** Options are objects, or just their labels: {@code ["Pizza", "Sushi"]}. */
        public static final class ObjectsOrLabels implements JsonbDeserializer<List<OptionInput>> {
            @Override
            public List<OptionInput> deserialize(JsonParser parser, DeserializationContext context, Type type) {
                JsonValue options = parser.getValue();
                if (options.getValueType() == JsonValue.ValueType.NULL) {
                    return null;
                }
                if (options.getValueType() != JsonValue.ValueType.ARRAY) {
                    throw new JsonBodies.WrongValue("must be an array");
                }
                List<OptionInput> result = new ArrayList<>();
                for (JsonValue option : options.asJsonArray()) {
                    if (option instanceof JsonString label) {
                        result.add(new OptionInput(null, label.getString(), null));
                    } else if (option.getValueType() == JsonValue.ValueType.OBJECT) {
                        result.add(JsonBodies.bind(option, OptionInput.class));
                    } else {
                        throw new JsonBodies.WrongValue("must be an object {\"label\": ...} or a label");
                    }
                }
                return result;
            }
        }
    }
}
