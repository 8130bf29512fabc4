package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Problem;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PollInputReaderTest {

    private static PollInput read(String json) {
        return PollInputReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static ProblemException refusal(String json) {
        return assertThrows(ProblemException.class, () -> read(json));
    }

    private static Set<String> fields(Problem problem) {
        return problem.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    @Test
    void readsEveryField() {
        PollInput input = read("""
                {"title": "Lunch?", "description": "d", "type": "MULTIPLE", "options": [{"label": "a"}, "b"],
                 "maxChoices": 2, "anonymous": true, "allowVoteChange": false, "resultsVisibility": "AFTER_CLOSE",
                 "audienceGroups": ["sales"], "opensAt": "2026-12-01T09:00:00Z", "closesAt": null, "open": true}""");
        assertEquals("Lunch?", input.title());
        assertEquals(PollType.MULTIPLE, input.type());
        assertEquals(
                List.of("a", "b"),
                input.options().stream().map(PollInput.OptionInput::label).toList());
        assertEquals(2, input.maxChoices());
        assertEquals(ResultsVisibility.AFTER_CLOSE, input.resultsVisibility());
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), input.opensAt());
        assertTrue(input.has("closesAt"), "an explicit null is a field that was sent");
        assertNull(input.closesAt());
        assertFalse(input.has("id"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertEquals(400, refusal("{\"title\": ").problem().status());
        assertEquals(400, refusal("").problem().status());
        assertEquals(400, refusal("[1, 2]").problem().status());
    }

    @Test
    void wrongTypesNameTheirFields() {
        var problem = refusal("""
                {"title": 5, "anonymous": "yes", "maxChoices": 1.5, "options": [3], "opensAt": "tomorrow"}""").problem();
        assertEquals(400, problem.status());
        assertEquals(Set.of("title", "anonymous", "maxChoices", "options[0]", "opensAt"), fields(problem));
    }

    @Test
    void unknownEnumValueIsABadRequest() {
        var problem = refusal("{\"type\": \"PLURALITY\"}").problem();
        assertEquals(400, problem.status());
        assertEquals("type", problem.errors().get(0).field());
        assertTrue(problem.errors().get(0).message().contains("SINGLE, MULTIPLE, RANKED"));
    }

    @Test
    void unknownAndReadOnlyFieldsAreRefused() {
        var problem = refusal("{\"titel\": \"typo\", \"status\": \"OPEN\"}").problem();
        assertEquals(Set.of("titel", "status"), fields(problem));
    }
}
