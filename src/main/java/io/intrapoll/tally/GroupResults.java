package io.intrapoll.tally;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One group's results in a breakdown: the poll's results shape over the ballots of its members, or only its name
 * and {@code suppressed} when they could identify a few people's votes.
 */
@Schema(name = "GroupResults")
public record GroupResults(
        @Schema(example = "engineering") String group,

        @Schema(description = "true: withheld, too few ballots (or it would let the others reveal a small set)")
        Boolean suppressed,

        @Schema(example = "120") Long totalBallots,
        List<Results.OptionResult> options,
        @Schema(description = "RANKED only") List<Results.RoundResult> rounds,
        @Schema(description = "RATING and NPS") List<Results.ValueResult> distribution,
        @Schema(description = "RATING and NPS") Double mean,
        @Schema(description = "RATING and NPS") Double median,
        @Schema(description = "NPS only") Results.NpsResult nps,
        @Schema(description = "OPEN_TEXT only") List<Results.WordCount> words) {

    static GroupResults suppressed(String group) {
        return new GroupResults(group, true, null, null, null, null, null, null, null, null);
    }
}
