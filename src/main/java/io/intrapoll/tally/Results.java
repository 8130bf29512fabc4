package io.intrapoll.tally;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A poll's results as the API shows them. */
@Schema(name = "Results")
public record Results(
        // Text, not a PollId: the API's JSON (and each results event) carries the id as a plain string.
        String pollId,
        @Schema(example = "OPEN") String status,
        @Schema(example = "120") long totalBallots,
        List<OptionResult> options,
        Instant asOf,

        @JsonbTransient @Schema(hidden = true) boolean finalResult,

        @Schema(description = "RANKED only: the instant-runoff rounds")
        List<RoundResult> rounds,

        @Schema(description = "RATING and NPS: votes for every value of the scale, lowest first")
        List<ValueResult> distribution,

        @Schema(description = "RATING and NPS: the mean rating, two decimals (absent before the first ballot)")
        Double mean,

        @Schema(description = "RATING and NPS: the median rating (absent before the first ballot)")
        Double median,

        @Schema(description = "NPS only") NpsResult nps,

        @Schema(description = "OPEN_TEXT only: at most 50 words, most frequent first; hidden and held answers left out")
        List<WordCount> words,

        @Schema(description = "QUIZ only, once the poll is closed")
        List<String> correctOptionIds,

        @Schema(
                description = "How many people the poll's audience held when it first opened (absent while unknown)",
                example = "500")
        Long eligible,

        @Schema(description = "totalBallots as a percent of eligible, one decimal", example = "24.0")
        Double turnoutPercent,

        @Schema(
                description = "A SINGLE poll with a decision, once closed and counted: DECIDED, NO_MAJORITY or"
                        + " NO_QUORUM (the turnout under quorumPercent)",
                enumeration = {"DECIDED", "NO_MAJORITY", "NO_QUORUM"})
        String outcome,

        @Schema(description = "With outcome DECIDED: the option with more than majorityPercent of the ballots")
        String winnerOptionId,

        // Names this representation: equal tags, equal bytes (HTTP's strong ETag).
        @JsonbTransient @Schema(hidden = true) String etag,

        // Whether every voter may read these results (and so a shared cache may keep them).
        @JsonbTransient @Schema(hidden = true) boolean openToEveryVoter) {

    /** True once the poll is CLOSED and every accepted ballot is counted. */
    @JsonbProperty("final")
    @Schema(name = "final", description = "true once the poll is CLOSED and every accepted ballot is counted")
    public boolean isFinal() {
        return finalResult;
    }

    /** Votes for one option; for RANKED, first preferences. Percent of all ballots, one decimal. */
    @Schema(name = "OptionResult")
    public record OptionResult(
            String id,
            String label,
            long votes,
            @Schema(example = "12.5") double percent) {}

    @Schema(name = "ValueResult")
    public record ValueResult(
            @Schema(example = "4") int value,
            long votes,
            @Schema(example = "25.0") double percent) {}

    /** Promoters rate 9-10, passives 7-8, detractors 0-6; the score is % promoters - % detractors, rounded. */
    @Schema(name = "NpsResult")
    public record NpsResult(
            long promoters,
            long passives,
            long detractors,
            @Schema(example = "32") int score) {}

    @Schema(name = "WordCount")
    public record WordCount(@Schema(example = "coffee") String word, long count) {}

    @Schema(name = "RankedRound")
    public record RoundResult(int round, Map<String, Long> votes, long exhausted, String eliminated, String winner) {}
}
