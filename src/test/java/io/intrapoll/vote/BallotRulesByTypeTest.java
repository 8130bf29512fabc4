package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollStatus;
import io.intrapoll.poll.PollType;
import io.intrapoll.poll.ResultsVisibility;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ballots of the types that answer with a number or a text, and quizzes. */
class BallotRulesByTypeTest {

    private static PollSnapshot poll(PollType type, Integer maxChoices, List<String> choosable, Integer maxLength) {
        return new PollSnapshot(
                new PollId("p"),
                type,
                maxChoices,
                choosable,
                PollStatus.OPEN,
                false,
                false,
                "author",
                Set.of(),
                Set.of(),
                ResultsVisibility.LIVE,
                new PollSnapshot.Answer(maxLength, "en", Set.of("a"), null, null));
    }

    private static final PollSnapshot RATING = poll(PollType.RATING, null, List.of("1", "2", "3", "4", "5"), null);
    private static final PollSnapshot NPS =
            poll(PollType.NPS, null, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), null);
    private static final PollSnapshot TEXT = poll(PollType.OPEN_TEXT, null, List.of(), 10);
    private static final PollSnapshot QUIZ = poll(PollType.QUIZ, 1, List.of("a", "b", "c"), null);

    private static List<String> fields(PollSnapshot poll, List<String> optionIds, Integer rating, String text) {
        return BallotRules.check(poll, new VoteRequest(optionIds, rating, text)).stream()
                .map(FieldError::field)
                .toList();
    }

    @Test
    void aRatingLiesOnTheScale() {
        assertEquals(List.of(), fields(RATING, null, 1, null));
        assertEquals(List.of(), fields(RATING, null, 5, null));
        assertEquals(List.of("rating"), fields(RATING, null, 0, null));
        assertEquals(List.of("rating"), fields(RATING, null, 6, null));
        assertEquals(List.of("rating"), fields(RATING, null, null, null));
        assertEquals(List.of(), fields(NPS, null, 0, null));
        assertEquals(List.of("rating"), fields(NPS, null, 11, null));
        assertEquals(List.of("4"), BallotRules.choices(RATING, new VoteRequest(null, 4, null)));
    }

    @Test
    void aTextIsTrimmedAndFitsTheMaximumLength() {
        assertEquals(
                List.of(), fields(TEXT, null, null, "  ten chars!  ".strip().substring(0, 10)));
        assertEquals(List.of(), fields(TEXT, null, null, "   short    "));
        assertEquals(List.of("text"), fields(TEXT, null, null, "eleven char"));
        assertEquals(List.of("text"), fields(TEXT, null, null, "   "));
        assertEquals(List.of("text"), fields(TEXT, null, null, null));
        assertEquals(List.of("short"), BallotRules.choices(TEXT, new VoteRequest(null, null, "   short  ")));
        assertEquals(List.of("text"), fields(TEXT, null, null, "nul\u0000"), "PostgreSQL refuses NUL in text");
        assertEquals(List.of("text"), fields(TEXT, null, null, "bell\u0007"));
        assertEquals(List.of(), fields(TEXT, null, null, "a\nb\tc"));
    }

    @Test
    void aFieldTheTypeDoesNotTakeIsNamed() {
        assertEquals(List.of("optionIds"), fields(RATING, List.of("a"), 3, null));
        assertEquals(List.of("text"), fields(NPS, null, 3, "hi"));
        assertEquals(List.of("rating"), fields(TEXT, null, 3, "hi"));
        assertEquals(List.of("rating", "text"), fields(QUIZ, List.of("a"), 3, "x"));
    }

    @Test
    void aQuizTakesUpToMaxChoicesKnownOptions() {
        assertEquals(List.of(), fields(QUIZ, List.of("b"), null, null));
        assertEquals(List.of("optionIds"), fields(QUIZ, List.of("a", "b"), null, null));
        assertEquals(List.of("optionIds[0]"), fields(QUIZ, List.of("z"), null, null));
    }
}
