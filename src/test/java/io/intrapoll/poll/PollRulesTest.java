package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Problem.FieldError;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PollRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private static List<String> fieldsWithErrors(PollInput input) {
        Poll poll = Poll.draft(PollId.newId(), input, "author", NOW);
        return PollRules.check(poll, true, NOW).stream().map(FieldError::field).toList();
    }

    private static PollInput poll(String title, PollType type, List<String> labels, Integer maxChoices) {
        return Polls.choosingUpTo(title, type, labels, maxChoices);
    }

    @Test
    void validPollHasNoErrors() {
        assertEquals(List.of(), fieldsWithErrors(poll("Lunch?", PollType.SINGLE, List.of("Pizza", "Sushi"), null)));
    }

    @Test
    void titleIsRequiredAndAtMost200Characters() {
        assertEquals(List.of("title"), fieldsWithErrors(poll(" ", PollType.SINGLE, List.of("a", "b"), null)));
        assertEquals(
                List.of("title"), fieldsWithErrors(poll("x".repeat(201), PollType.SINGLE, List.of("a", "b"), null)));
        assertEquals(List.of(), fieldsWithErrors(poll("x".repeat(200), PollType.SINGLE, List.of("a", "b"), null)));
    }

    @Test
    void typeIsRequired() {
        assertEquals(List.of("type"), fieldsWithErrors(poll("t", null, List.of("a", "b"), null)));
    }

    @Test
    void twoToFiftyOptions() {
        assertEquals(List.of("options"), fieldsWithErrors(poll("t", PollType.SINGLE, List.of("only"), null)));
        List<String> fiftyOne =
                IntStream.rangeClosed(1, 51).mapToObj(i -> "option " + i).toList();
        assertEquals(List.of("options"), fieldsWithErrors(poll("t", PollType.SINGLE, fiftyOne, null)));
        assertEquals(List.of(), fieldsWithErrors(poll("t", PollType.SINGLE, fiftyOne.subList(0, 50), null)));
    }

    @Test
    void labelsAreRequiredUniqueAndShort() {
        assertEquals(
                List.of("options[1].label"),
                fieldsWithErrors(poll("t", PollType.SINGLE, List.of("Pizza", "pizza "), null)));
        assertEquals(List.of("options[0].label"), fieldsWithErrors(poll("t", PollType.SINGLE, List.of("", "b"), null)));
        assertEquals(
                List.of("options[1].label"),
                fieldsWithErrors(poll("t", PollType.SINGLE, List.of("a", "b".repeat(201)), null)));
    }

    @Test
    void maxChoicesOnlyForMultipleAndWithinTheOptions() {
        assertEquals(List.of("maxChoices"), fieldsWithErrors(poll("t", PollType.SINGLE, List.of("a", "b"), 1)));
        assertEquals(List.of("maxChoices"), fieldsWithErrors(poll("t", PollType.MULTIPLE, List.of("a", "b"), 3)));
        assertEquals(List.of("maxChoices"), fieldsWithErrors(poll("t", PollType.MULTIPLE, List.of("a", "b"), 0)));
        assertEquals(List.of(), fieldsWithErrors(poll("t", PollType.MULTIPLE, List.of("a", "b"), 2)));
    }

    @Test
    void scheduleMustCloseAfterItOpensAndInTheFuture() {
        assertEquals(List.of("closesAt"), fieldsWithErrors(Polls.scheduled(NOW.plusSeconds(60), NOW.plusSeconds(30))));
        assertEquals(List.of("closesAt"), fieldsWithErrors(Polls.scheduled(null, NOW.minusSeconds(1))));
    }

    @Test
    void optionIdsSentMustBeKnown() {
        var sent = List.of(
                new PollInput.OptionInput("known", "a", null), new PollInput.OptionInput("stranger", "b", null));
        var errors = PollRules.checkOptionIds(sent, Set.of("known"));
        assertEquals(1, errors.size());
        assertEquals("options[1].id", errors.get(0).field());
        assertTrue(PollRules.checkOptionIds(Collections.emptyList(), Set.of()).isEmpty());
    }
}
