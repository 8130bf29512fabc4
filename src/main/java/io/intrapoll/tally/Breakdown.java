package io.intrapoll.tally;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A closed poll's results per breakdown group (API.md, "Breakdowns that protect small groups"). */
@Schema(name = "Breakdown")
public record Breakdown(
        String pollId,

        @Schema(description = "Every counted ballot, those of people in none of the groups included", example = "120")
        long totalBallots,

        @Schema(description = "Groups with fewer ballots are withheld", example = "5")
        int minGroupSize,

        @Schema(description = "In the poll's order of breakdownGroups")
        List<GroupResults> groups) {}
