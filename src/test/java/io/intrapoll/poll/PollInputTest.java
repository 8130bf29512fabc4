package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.JsonBodies;
import io.intrapoll.platform.Problem;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How a poll's request body is read: strictly, naming every field that is wrong in one 400. */
class PollInputTest {

    private static PollInput read(String json) {
        return JsonBodies.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), PollInput.class);
    }

    private static Problem refusal(String json) {
        return assertThrows(ProblemException.class, () -> read(json)).problem();
    }

    private static Set<String> fields(Problem problem) {
        return problem.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    private static Map<String, String> messages(Problem problem) {
        return problem.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message));
    }

    /** JSON nested {@code depth} levels inside the given field: arrays, or objects with one field each. */
    static String nested(String field, int depth, boolean arrays) {
        String open = arrays ? "[" : "{\"a\": ";
        String close = arrays ? "]" : "}";
        String innermost = arrays ? "" : "1";
        return "{\"" + field + "\": " + open.repeat(depth) + innermost + close.repeat(depth) + "}";
    }

    @Test
    void aBodyNestedAThousandDeepIsABadRequestAboutTheBody() {
        for (String body : List.of(nested("title", 1_000, true), nested("title", 1_000, false))) {
            Problem problem = refusal(body);
            assertEquals(400, problem.status());
            assertTrue(problem.detail().contains("nested deeper than"), problem::detail);
            assertEquals(List.of(), problem.errors(), "about the body, not a field");
        }
    }

    @Test
    void aBodyNestedWithinTheLimitNamesTheWrongField() {
        assertEquals(Set.of("title"), fields(refusal(nested("title", 60, true))));
    }

    @Test
    void readsEveryField() {
        PollInput input = read("""
                {"title": "Lunch?", "description": "d", "type": "MULTIPLE", "options": [{"label": "a"}, "b"],
                 "maxChoices": 2, "anonymous": true, "allowVoteChange": false, "resultsVisibility": "AFTER_CLOSE",
                 "audienceGroups": ["sales"], "opensAt": "2026-12-01T09:00:00Z", "closesAt": null, "open": true}""");
        assertEquals("Lunch?", input.title());
        assertEquals("d", input.description());
        assertEquals(PollType.MULTIPLE, input.type());
        assertEquals(
                List.of("a", "b"),
                input.options().stream().map(PollInput.OptionInput::label).toList());
        assertEquals(2, input.maxChoices());
        assertEquals(true, input.anonymous());
        assertEquals(false, input.allowVoteChange());
        assertEquals(ResultsVisibility.AFTER_CLOSE, input.resultsVisibility());
        assertEquals(List.of("sales"), input.audienceGroups());
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), input.opensAt());
        assertEquals(true, input.open());
        assertTrue(input.has("closesAt"), "an explicit null is a field that was sent");
        assertNull(input.closesAt());
        assertFalse(input.has("id"));
    }

    @Test
    void aChangeKnowsWhichFieldsItCarries() {
        PollInput change = read("{\"title\": \"New\", \"maxChoices\": null}");
        assertEquals(Set.of("title", "maxChoices"), change.present());
        assertNull(change.description());
        assertFalse(change.has("description"), "a missing field stays as it is");
    }

    @Test
    void anOptionKeepsItsIdAndTakesTimesInAnyCase() {
        PollInput input = read("""
                {"options": [{"id": "kept", "label": "a"}, {"label": "b"}], "closesAt": "2026-12-01t09:00:00z"}""");
        assertEquals("kept", input.options().get(0).id());
        assertNull(input.options().get(1).id());
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), input.closesAt());
    }

    @Test
    void malformedJsonIsABadRequest() {
        for (String body : List.of("{\"title\": ", "", "not json at all", "[1, 2]", "\"a poll\"", "null")) {
            Problem problem = refusal(body);
            assertEquals(400, problem.status(), body);
            assertTrue(problem.type().endsWith("/bad-request"), body);
        }
    }

    @Test
    void wrongTypesNameTheirFields() {
        var problem = refusal("""
                {"title": 5, "anonymous": "yes", "maxChoices": 1.5, "options": [3], "opensAt": "tomorrow"}""");
        assertEquals(400, problem.status());
        assertEquals(Set.of("title", "anonymous", "maxChoices", "options[0]", "opensAt"), fields(problem));
        assertEquals("must be a string", messages(problem).get("title"));
        assertEquals("must be true or false", messages(problem).get("anonymous"));
        assertEquals("must be a whole number", messages(problem).get("maxChoices"));
        assertTrue(messages(problem).get("opensAt").contains("ISO-8601"));
    }

    @Test
    void valuesJsonBindingWouldConvertAreRefused() {
        var problem = refusal("""
                {"title": ["x"], "type": "SINGLE", "options": ["a", "b"], "anonymous": "yes", "maxChoices": "2"}""");
        assertEquals(Set.of("title", "anonymous", "maxChoices"), fields(problem));
        assertEquals(Set.of("maxChoices"), fields(refusal("{\"maxChoices\": 99999999999}")));
        assertEquals(Set.of("allowVoteChange"), fields(refusal("{\"allowVoteChange\": 1}")));
        assertEquals(Set.of("description"), fields(refusal("{\"description\": {\"text\": \"d\"}}")));
        assertEquals(Set.of("options"), fields(refusal("{\"options\": \"a, b\"}")));
        assertEquals(Set.of("audienceGroups[1]"), fields(refusal("{\"audienceGroups\": [\"a\", 2]}")));
    }

    @Test
    void unknownEnumValueIsABadRequest() {
        var problem = refusal("{\"type\": \"PLURALITY\", \"resultsVisibility\": \"live\"}");
        assertEquals(400, problem.status());
        assertEquals(Set.of("type", "resultsVisibility"), fields(problem));
        assertEquals(
                "must be one of SINGLE, MULTIPLE, RANKED, RATING, NPS, OPEN_TEXT, QUIZ",
                messages(problem).get("type"));
    }

    @Test
    void unknownAndReadOnlyFieldsAreRefused() {
        var problem = refusal("{\"titel\": \"typo\", \"status\": \"OPEN\", \"id\": \"x\", \"title\": \"t\"}");
        assertEquals(Set.of("titel", "status", "id"), fields(problem));
        assertEquals("is read-only", messages(problem).get("id"));
        assertTrue(messages(problem).get("status").contains("lifecycle actions"));
        assertEquals(Set.of("present"), fields(refusal("{\"present\": [\"title\"]}")), "not a field of the API");
        assertEquals(
                "is read-only", messages(refusal("{\"eligible\": 5}")).get("eligible"), "fixed when the poll opens");
    }

    @Test
    void anOptionNamesItsOwnWrongFields() {
        var problem = refusal("{\"options\": [\"a\", {\"label\": 5, \"colour\": \"red\"}, null]}");
        assertEquals(Set.of("options[1].label", "options[1].colour", "options[2]"), fields(problem));
    }

    @Test
    void aGroupThatIsNullBreaksTheBodysRules() {
        PollInput input = read("{\"audienceGroups\": [\"sales\", null]}");
        try (var validators = Validation.buildDefaultValidatorFactory()) {
            Set<ConstraintViolation<PollInput>> violations =
                    validators.getValidator().validate(input);
            assertEquals(1, violations.size());
            var violation = violations.iterator().next();
            assertEquals(
                    "audienceGroups[1].<list element>",
                    violation.getPropertyPath().toString());
            assertEquals("must be a string", violation.getMessage());
        }
    }
}
