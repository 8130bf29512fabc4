package io.intrapoll.poll;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A poll as the API shows it. */
@Schema(name = "Poll")
public record PollView(
        // Text, not a PollId: the API's JSON and the poll cache's JSON carry the id as a plain string.
        @Schema(example = "3f2c1e9a-6b7d-4c1e-9a3f-2c1e9a6b7d4c")
        String id,

        @Schema(example = "Where should the team lunch be on Friday?")
        String title,

        String description,
        PollType type,
        List<OptionView> options,
        @Schema(description = "MULTIPLE only") Integer maxChoices,
        boolean anonymous,
        boolean allowVoteChange,
        ResultsVisibility resultsVisibility,
        List<String> audienceGroups,
        PollStatus status,
        Instant opensAt,
        Instant closesAt,
        @Schema(example = "author") String createdBy,
        Instant createdAt,

        @Schema(description = "Changes on every update; the ETag carries it.")
        long version) {

    @Schema(name = "PollOption")
    public record OptionView(
            String id, @Schema(example = "Pizza place") String label) {}

    static PollView of(Poll poll) {
        return new PollView(
                poll.id().value(),
                poll.title(),
                poll.description(),
                poll.type(),
                poll.options().stream()
                        .map(option -> new OptionView(option.id(), option.label()))
                        .toList(),
                poll.maxChoices(),
                poll.anonymous(),
                poll.allowVoteChange(),
                poll.resultsVisibility(),
                List.copyOf(poll.audienceGroups()),
                poll.status(),
                poll.opensAt(),
                poll.closesAt(),
                poll.createdBy(),
                poll.createdAt(),
                poll.version());
    }

    /** A strong entity tag for this version of the poll. */
    String etag() {
        return Long.toString(version);
    }
}
