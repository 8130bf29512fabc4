package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.JsonBodies;
import io.intrapoll.platform.Problem;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A vote's body: {"optionIds": [...]}, anything else a 400 naming the field. */
class VoteRequestTest {

    private static VoteRequest read(String json) {
        return JsonBodies.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), VoteRequest.class);
    }

    private static Problem refusal(String json) {
        return assertThrows(ProblemException.class, () -> read(json)).problem();
    }

    private static Set<String> fields(Problem problem) {
        return problem.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    private static Set<String> invalid(VoteRequest vote) {
        return vote.invalidFields().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    @Test
    void readsTheChosenOptionsInOrder() {
        assertEquals(List.of("b", "a"), read("{\"optionIds\": [\"b\", \"a\"]}").optionIds());
        assertEquals(Set.of(), invalid(read("{\"optionIds\": []}")), "too few choices is the ballot's rule: 422");
    }

    @Test
    void malformedVotesAreBadRequests() {
        assertEquals(400, refusal("{\"optionIds\": ").status());
        assertEquals(Set.of("optionIds"), fields(refusal("{\"optionIds\": \"a\"}")));
        assertEquals(Set.of("optionIds[0]"), fields(refusal("{\"optionIds\": [1]}")));
        assertEquals(Set.of("options"), fields(refusal("{\"options\": []}")));
    }

    @Test
    void aBodyNestedAThousandDeepIsABadRequestAboutTheBody() {
        String arrays = "{\"optionIds\": " + "[".repeat(1_000) + "]".repeat(1_000) + "}";
        String objects = "{\"optionIds\": " + "{\"a\": ".repeat(1_000) + "1" + "}".repeat(1_000) + "}";
        for (String body : List.of(arrays, objects)) {
            Problem problem = refusal(body);
            assertEquals(400, problem.status());
            assertTrue(problem.detail().contains("nested deeper than"), problem::detail);
        }
    }

    @Test
    void aHugeWrongBodyNamesAHundredFields() {
        String ones = String.join(", ", java.util.Collections.nCopies(5_000, "1"));
        assertEquals(100, refusal("{\"optionIds\": [" + ones + "]}").errors().size());
    }

    @Test
    void eachOptionIdIsAString() {
        // Which of optionIds, rating and text a ballot needs depends on the poll's type: BallotRules' 422.
        assertEquals(Set.of(), invalid(read("{}")));
        assertEquals(Set.of(), invalid(read("{\"optionIds\": null}")));
        assertEquals(Set.of("optionIds[1]"), invalid(read("{\"optionIds\": [\"a\", null]}")));
        assertEquals(Set.of("optionIds[0]", "optionIds[2]"), invalid(read("{\"optionIds\": [null, \"a\", null]}")));
    }

    @Test
    void aRatingIsAWholeNumberAndATextAString() {
        assertEquals(4, read("{\"rating\": 4}").rating());
        assertEquals("More coffee", read("{\"text\": \"More coffee\"}").text());
        for (String body : List.of("{\"rating\": 4.5}", "{\"rating\": \"4\"}", "{\"text\": 5}")) {
            assertEquals(400, refusal(body).status(), body);
        }
    }
}
