package io.intrapoll.quiz;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A quiz's top scorers (ties share a rank) and the caller's own place. In an anonymous quiz the names are stable
 * per-person aliases ("Player 4821"), never the person.
 *
 * @param mine the caller's rank and points, absent when the caller has not answered
 */
@Schema(name = "Leaderboard")
public record Leaderboard(List<Entry> entries, Mine mine) {

    @Schema(name = "LeaderboardEntry")
    public record Entry(
            @Schema(example = "1") int rank,
            @Schema(example = "voter7") String name,
            @Schema(example = "987") int points) {}

    @Schema(name = "LeaderboardMine")
    public record Mine(
            @Schema(example = "12") int rank,
            @Schema(example = "500") int points) {}
}
