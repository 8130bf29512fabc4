package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.intrapoll.platform.JsonBodies;
import io.intrapoll.platform.Problem.FieldError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields of RATING, NPS, OPEN_TEXT and QUIZ polls, their defaults, and what each type refuses. */
class PollRulesByTypeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Poll draft(String json) {
        PollInput input =
                JsonBodies.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), PollInput.class);
        return Poll.draft(PollId.newId(), input, "author", NOW);
    }

    private static List<String> errors(String json) {
        return PollRules.check(draft(json), true, NOW).stream()
                .map(FieldError::field)
                .toList();
    }

    @Test
    void aRatingDefaultsToOneToFiveAndTakesAScaleOfZeroOrOneToTwoToTen() {
        Poll rating = draft("{\"title\": \"How was it?\", \"type\": \"RATING\"}");
        assertEquals(List.of(), PollRules.check(rating, true, NOW));
        assertEquals(new PollView.Scale(1, 5), PollView.of(rating).scale());
        assertEquals(List.of("1", "2", "3", "4", "5"), PollSnapshot.of(rating).optionIds());
        assertEquals(
                List.of(),
                errors("{\"title\": \"t\", \"type\": \"RATING\", \"scale\": {\"min\": 0, \"max\": 10},"
                        + " \"scaleLabels\": {\"min\": \"Poor\", \"max\": \"Great\"}}"));
        assertEquals(
                List.of("scale.min", "scale.max"),
                errors("{\"title\": \"t\", \"type\": \"RATING\", \"scale\": {\"min\": 2, \"max\": 11}}"));
        assertEquals(
                List.of("options"), errors("{\"title\": \"t\", \"type\": \"RATING\", \"options\": [\"a\", \"b\"]}"));
    }

    @Test
    void npsIsAlwaysZeroToTen() {
        Poll nps = draft("{\"title\": \"Recommend us?\", \"type\": \"NPS\"}");
        assertEquals(List.of(), PollRules.check(nps, true, NOW));
        assertEquals(11, PollSnapshot.of(nps).optionIds().size());
        assertEquals(
                List.of("scale"), errors("{\"title\": \"t\", \"type\": \"NPS\", \"scale\": {\"min\": 1, \"max\": 5}}"));
        assertEquals(
                List.of("scaleLabels"),
                errors("{\"title\": \"t\", \"type\": \"NPS\", \"scaleLabels\": {\"min\": \"a\", \"max\": \"b\"}}"));
    }

    @Test
    void openTextDefaultsTo280CharactersInEnglish() {
        Poll text = draft("{\"title\": \"One word for this year?\", \"type\": \"OPEN_TEXT\"}");
        assertEquals(List.of(), PollRules.check(text, true, NOW));
        assertEquals(280, text.maxLength());
        assertEquals("en", text.language());
        assertEquals(
                List.of("maxLength", "language"),
                errors("{\"title\": \"t\", \"type\": \"OPEN_TEXT\", \"maxLength\": 501, \"language\": \"es\"}"));
        assertEquals(
                List.of("maxLength"),
                errors("{\"title\": \"t\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"],"
                        + " \"maxLength\": 20}"));
    }

    @Test
    void aQuizNeedsACorrectOptionAndChoicesForEveryCorrectOne() {
        String options = "\"options\": [{\"label\": \"Lisbon\", \"correct\": true}, {\"label\": \"Porto\", \"correct\":"
                + " false}]";
        Poll quiz = draft("{\"title\": \"Capital?\", \"type\": \"QUIZ\", " + options + ", \"timeLimitSeconds\": 20}");
        assertEquals(List.of(), PollRules.check(quiz, true, NOW));
        assertEquals(1, quiz.maxChoices());
        assertEquals(
                List.of("options"),
                errors("{\"title\": \"t\", \"type\": \"QUIZ\", \"options\": [{\"label\": \"a\", \"correct\": false},"
                        + " {\"label\": \"b\", \"correct\": false}]}"));
        assertEquals(
                List.of("options[1].correct"),
                errors("{\"title\": \"t\", \"type\": \"QUIZ\", \"options\": [{\"label\": \"a\", \"correct\": true},"
                        + " {\"label\": \"b\"}]}"));
        assertEquals(
                List.of("maxChoices"),
                errors("{\"title\": \"t\", \"type\": \"QUIZ\", \"options\": [{\"label\": \"a\", \"correct\": true},"
                        + " {\"label\": \"b\", \"correct\": true}]}"));
        assertEquals(
                List.of("timeLimitSeconds"),
                errors("{\"title\": \"t\", \"type\": \"QUIZ\", " + options + ", \"timeLimitSeconds\": 4}"));
        assertEquals(
                List.of("options[0].correct"),
                errors("{\"title\": \"t\", \"type\": \"SINGLE\", \"options\": [{\"label\": \"a\", \"correct\": true},"
                        + " \"b\"]}"));
    }

    @Test
    void votersDoNotSeeAnOpenQuizsAnswers() {
        Poll quiz = draft("{\"title\": \"Capital?\", \"type\": \"QUIZ\", \"options\": [{\"label\": \"Lisbon\","
                + " \"correct\": true}, {\"label\": \"Porto\", \"correct\": false}]}");
        PollView view = PollView.of(quiz);
        assertEquals(true, view.revealsAnswers());
        assertNull(view.withoutAnswers().options().get(0).correct());
        assertEquals("Lisbon", view.withoutAnswers().options().get(0).label());
    }

    @Test
    void aQuizThatBecomesAnotherTypeKeepsItsOptionsWithoutTheirAnswers() {
        Poll quiz = draft("{\"title\": \"t\", \"type\": \"QUIZ\", \"timeLimitSeconds\": 30, \"options\":"
                + " [{\"label\": \"a\", \"correct\": true}, {\"label\": \"b\", \"correct\": false}]}");
        quiz.change(JsonBodies.read(
                new ByteArrayInputStream("{\"type\": \"MULTIPLE\"}".getBytes(StandardCharsets.UTF_8)),
                PollInput.class));
        assertEquals(List.of(), PollRules.check(quiz, false, NOW));
        assertNull(quiz.options().get(0).correct());
        assertNull(quiz.timeLimitSeconds());
        assertNull(quiz.maxChoices(), "MULTIPLE's default: every option");
    }

    @Test
    void aClosedQuizDoesNotReopen() {
        Poll quiz = draft("{\"title\": \"t\", \"type\": \"QUIZ\", \"options\":"
                + " [{\"label\": \"a\", \"correct\": true}, {\"label\": \"b\", \"correct\": false}]}");
        quiz.open();
        quiz.close();
        PollStateException refused =
                org.junit.jupiter.api.Assertions.assertThrows(PollStateException.class, quiz::open);
        assertEquals("quiz-closed", refused.slug());
    }

    @Test
    void changingTheTypeDropsWhatOnlyTheOldTypeTook() {
        Poll poll = draft("{\"title\": \"t\", \"type\": \"OPEN_TEXT\", \"maxLength\": 100}");
        poll.change(JsonBodies.read(
                new ByteArrayInputStream("{\"type\": \"RATING\"}".getBytes(StandardCharsets.UTF_8)), PollInput.class));
        assertEquals(List.of(), PollRules.check(poll, false, NOW));
        assertNull(poll.maxLength());
        assertEquals(5, poll.scaleMax());
    }
}
