package io.intrapoll.poll;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A poll as the API shows it. Fields a type does not take are left out. */
@Schema(name = "Poll")
public record PollView(
        // Text, not a PollId: the API's JSON and the poll cache's JSON carry the id as a plain string.
        @Schema(example = "3f2c1e9a-6b7d-4c1e-9a3f-2c1e9a6b7d4c")
        String id,

        @Schema(example = "Where should the team lunch be on Friday?")
        String title,

        String description,
        PollType type,

        @Schema(description = "SINGLE, MULTIPLE, RANKED and QUIZ; empty for the other types")
        List<OptionView> options,

        @Schema(description = "MULTIPLE and QUIZ") Integer maxChoices,

        @Schema(description = "RATING and NPS (always 0 to 10)")
        Scale scale,

        @Schema(description = "RATING, when set") PollInput.ScaleLabels scaleLabels,
        @Schema(description = "OPEN_TEXT") Integer maxLength,
        @Schema(description = "OPEN_TEXT: en, de or fr") String language,
        @Schema(description = "QUIZ, when set") Integer timeLimitSeconds,
        boolean anonymous,
        boolean allowVoteChange,
        ResultsVisibility resultsVisibility,
        List<String> audienceGroups,

        @Schema(description = "Groups the results break down by (GET .../results?by=group)")
        List<String> breakdownGroups,

        PollStatus status,
        Instant opensAt,
        Instant closesAt,

        @Schema(description = "When the poll last opened; a quiz's time limit counts from here")
        Instant openedAt,

        @Schema(description = "SINGLE, when set") PollInput.Decision decision,

        @Schema(
                description = "How many people the audience held when the poll first opened: its turnout's"
                        + " denominator (absent before)",
                example = "500")
        Integer eligible,

        @Schema(description = "Days after the close its ballots are erased, when set")
        Integer retentionDays,

        @Schema(description = "An admin's hold: nothing is erased while it holds")
        boolean legalHold,

        @Schema(description = "When its ballots, participation records and open-text answers were erased")
        Instant erasedAt,

        @Schema(description = "When its results by group were first shown: from then on it does not reopen")
        Instant breakdownShownAt,

        @Schema(example = "author") String createdBy,
        Instant createdAt,

        @Schema(description = "Changes on every update; the ETag carries it.")
        long version) {

    @Schema(name = "PollOption")
    public record OptionView(
            String id,
            @Schema(example = "Pizza place") String label,

            @Schema(description = "QUIZ only; shown to voters once the poll is closed, to owners and admins always")
            Boolean correct) {}

    @Schema(name = "PollScale")
    public record Scale(int min, int max) {}

    static PollView of(Poll poll) {
        return new PollView(
                poll.id().value(),
                poll.title(),
                poll.description(),
                poll.type(),
                poll.options().stream()
                        .map(option -> new OptionView(option.id(), option.label(), option.correct()))
                        .toList(),
                poll.maxChoices(),
                poll.scaleMin() == null ? null : new Scale(poll.scaleMin(), poll.scaleMax()),
                poll.scaleLabelMin() == null && poll.scaleLabelMax() == null
                        ? null
                        : new PollInput.ScaleLabels(poll.scaleLabelMin(), poll.scaleLabelMax()),
                poll.maxLength(),
                poll.language(),
                poll.timeLimitSeconds(),
                poll.anonymous(),
                poll.allowVoteChange(),
                poll.resultsVisibility(),
                List.copyOf(poll.audienceGroups()),
                poll.breakdownGroups().stream().sorted().toList(), // a loaded set keeps no order
                poll.status(),
                poll.opensAt(),
                poll.closesAt(),
                poll.openedAt(),
                poll.decision(),
                poll.eligible(),
                poll.retentionDays(),
                poll.legalHold(),
                poll.erasedAt(),
                poll.breakdownKeptAt(),
                poll.createdBy(),
                poll.createdAt(),
                poll.version());
    }

    /** A strong entity tag for this version of the poll. */
    String etag() {
        return Long.toString(version);
    }

    /** Whether this view tells which quiz options are correct, which voters may not know before the close. */
    boolean revealsAnswers() {
        return type == PollType.QUIZ && options.stream().anyMatch(option -> option.correct() != null);
    }

    /** The view for a voter of an open quiz: the options without which are correct. */
    PollView withoutAnswers() {
        return new PollView(
                id,
                title,
                description,
                type,
                options.stream()
                        .map(option -> new OptionView(option.id(), option.label(), null))
                        .toList(),
                maxChoices,
                scale,
                scaleLabels,
                maxLength,
                language,
                timeLimitSeconds,
                anonymous,
                allowVoteChange,
                resultsVisibility,
                audienceGroups,
                breakdownGroups,
                status,
                opensAt,
                closesAt,
                openedAt,
                decision,
                eligible,
                retentionDays,
                legalHold,
                erasedAt,
                breakdownShownAt,
                createdBy,
                createdAt,
                version);
    }
}
