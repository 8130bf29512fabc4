package io.intrapoll.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks that an answer is the RFC 9457 problem the contract promises. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /** Asserts status, media type and the problem's shape; returns the problem. */
    public static JsonObject assertProblem(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), () -> "status of " + reply);
        assertTrue(reply.isProblem(), () -> "problem+json expected, got " + reply.contentType() + ": " + reply);
        JsonObject problem = reply.json();
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("type").startsWith("https://"), "type is a URI");
        assertTrue(!problem.getString("title").isBlank(), "title");
        assertTrue(problem.containsKey("instance"), "instance");
        return problem;
    }

    public static JsonObject assertProblem(int status, String typeSuffix, Api.Reply reply) {
        JsonObject problem = assertProblem(status, reply);
        assertTrue(
                problem.getString("type").endsWith("/" + typeSuffix),
                () -> "type ending in /" + typeSuffix + " expected: " + problem);
        return problem;
    }

    /** The fields named in a problem's errors[]. */
    public static Set<String> errorFields(JsonObject problem) {
        return problem.getJsonArray("errors").stream()
                .map(error -> error.asJsonObject().getString("field"))
                .collect(Collectors.toSet());
    }
}
