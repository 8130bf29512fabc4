package io.intrapoll.quiz;

import io.intrapoll.poll.PollSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Points of a quiz ballot (API.md, "Quiz scoring"): exactly the correct set scores, the faster the more. */
public final class QuizScoring {

    static final int FULL_POINTS = 1000;

    private QuizScoring() {}

    /**
     * {@code round(1000 × (1 − elapsed / (2 × timeLimit)))} for exactly the correct set, 1000 without a time limit,
     * 0 for any other ballot.
     *
     * @param elapsed from the opening to the ballot's acceptance (a negative one counts as none)
     * @param timeLimitSeconds null: no limit
     */
    public static int points(Set<String> correct, List<String> chosen, Duration elapsed, Integer timeLimitSeconds) {
        if (chosen.size() != correct.size() || !correct.containsAll(chosen)) {
            return 0;
        }
        if (timeLimitSeconds == null) {
            return FULL_POINTS;
        }
        double fraction = Math.max(0, elapsed.toMillis()) / (2.0 * timeLimitSeconds * 1000);
        return (int) Math.round(FULL_POINTS * (1 - Math.min(fraction, 0.5)));
    }

    /** The points of a ballot accepted at the given time in this quiz. */
    public static int points(PollSnapshot quiz, List<String> chosen, Instant acceptedAt) {
        PollSnapshot.Answer answer = quiz.answer();
        Duration elapsed = answer.openedAt() == null ? Duration.ZERO : Duration.between(answer.openedAt(), acceptedAt);
        return points(answer.correctOptionIds(), chosen, elapsed, answer.timeLimitSeconds());
    }

    /** Whether the quiz's time is up at this instant: its ballots are then refused. */
    public static boolean isTimeUp(PollSnapshot quiz, Instant now) {
        PollSnapshot.Answer answer = quiz.answer();
        return answer.timeLimitSeconds() != null
                && answer.openedAt() != null
                && now.isAfter(answer.openedAt().plusSeconds(answer.timeLimitSeconds()));
    }
}
