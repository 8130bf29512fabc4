package io.intrapoll.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollStatus;
import io.intrapoll.poll.PollType;
import io.intrapoll.poll.ResultsVisibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuizScoringTest {

    private static final Set<String> CORRECT = Set.of("a", "c");

    @Test
    void exactlyTheCorrectSetScoresByItsSpeed() {
        assertEquals(1000, QuizScoring.points(CORRECT, List.of("c", "a"), Duration.ZERO, 20));
        assertEquals(750, QuizScoring.points(CORRECT, List.of("a", "c"), Duration.ofSeconds(10), 20));
        assertEquals(500, QuizScoring.points(CORRECT, List.of("a", "c"), Duration.ofSeconds(20), 20));
        // round(1000 × (1 − 7.3 / 40)) = round(817.5) = 818
        assertEquals(818, QuizScoring.points(CORRECT, List.of("a", "c"), Duration.ofMillis(7_300), 20));
    }

    @Test
    void withoutATimeLimitARightAnswerScoresAThousand() {
        assertEquals(1000, QuizScoring.points(CORRECT, List.of("a", "c"), Duration.ofHours(3), null));
    }

    @Test
    void anyOtherBallotScoresNothing() {
        assertEquals(0, QuizScoring.points(CORRECT, List.of("a"), Duration.ZERO, 20));
        assertEquals(0, QuizScoring.points(CORRECT, List.of("a", "b"), Duration.ZERO, 20));
        assertEquals(0, QuizScoring.points(CORRECT, List.of("a", "b", "c"), Duration.ZERO, null));
    }

    @Test
    void theTimeIsUpOnlyAfterTheLimitFromTheOpening() {
        Instant opened = Instant.parse("2026-12-01T10:00:00Z");
        PollSnapshot quiz = quiz(opened, 30);
        assertFalse(QuizScoring.isTimeUp(quiz, opened.plusSeconds(30)));
        assertTrue(QuizScoring.isTimeUp(quiz, opened.plusSeconds(30).plusMillis(1)));
        assertFalse(QuizScoring.isTimeUp(quiz(opened, null), opened.plus(Duration.ofDays(2))));
        assertEquals(750, QuizScoring.points(quiz, List.of("a", "c"), opened.plusSeconds(15)));
    }

    private static PollSnapshot quiz(Instant openedAt, Integer limit) {
        return new PollSnapshot(
                new PollId("quiz"),
                PollType.QUIZ,
                2,
                List.of("a", "b", "c"),
                PollStatus.OPEN,
                false,
                false,
                "author",
                Set.of(),
                Set.of(),
                ResultsVisibility.LIVE,
                new PollSnapshot.Answer(null, null, CORRECT, limit, openedAt));
    }
}
