package io.intrapoll.poll;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A poll as a client sends it, to create one (POST) or change one (PATCH: only the fields present change, and
 * {@code null} clears an optional field).
 *
 * @param present the names of the fields the request carried
 */
@Schema(name = "PollInput", description = "A poll to create, or the fields of one to change (PATCH).")
public record PollInput(
        @Schema(hidden = true) Set<String> present,

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
        List<OptionInput> options,

        @Schema(minimum = "1", description = "MULTIPLE only: at most this many choices (default: all options).")
        Integer maxChoices,

        @Schema(defaultValue = "false", description = "Store no link between a person and a ballot.")
        Boolean anonymous,

        @Schema(defaultValue = "false") Boolean allowVoteChange,
        @Schema(defaultValue = "LIVE") ResultsVisibility resultsVisibility,

        @Schema(
                description = "Registry groups that may see and vote; empty: every authenticated user.",
                example = "[\"engineering\"]")
        List<String> audienceGroups,

        @Schema(description = "Opens the poll by itself at this time (once).", example = "2026-12-01T09:00:00Z")
        Instant opensAt,

        @Schema(description = "Closes the poll by itself at this time (once).", example = "2026-12-01T17:00:00Z")
        Instant closesAt,

        @Schema(defaultValue = "false", description = "Create only: open the poll at once.")
        Boolean open) {

    public PollInput {
        present = Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }

    /** An option as sent: a label, and the id of the option it keeps, if any. */
    @Schema(name = "OptionInput")
    public record OptionInput(
            @Schema(description = "PATCH: the id of an existing option to keep.")
            String id,

            @Schema(minLength = 1, maxLength = 200, example = "Pizza place")
            String label) {}
}
