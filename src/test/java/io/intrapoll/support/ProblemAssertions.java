package io.intrapoll.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Checks that an answer is the RFC 9457 problem the contract promises. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /** Asserts status, media type and the problem's shape; returns the problem. */
    public static JsonObject assertProblem(int status, Api.Reply reply) {
        return assertProblem(status, reply.status(), reply.contentType(), reply::json, reply.toString());
    }

    public static JsonObject assertProblem(int status, String typeSuffix, Api.Reply reply) {
        return assertType(typeSuffix, assertProblem(status, reply));
    }

    /** The same, for an answer to a request sent byte for byte. */
    public static JsonObject assertProblem(int status, String typeSuffix, RawHttp.Answer answer) {
        return assertType(
                typeSuffix,
                assertProblem(status, answer.status(), answer.header("Content-Type"), answer::json, answer.toString()));
    }

    private static JsonObject assertProblem(
            int status, int actualStatus, String contentType, Supplier<JsonObject> body, String answer) {
        assertEquals(status, actualStatus, () -> "status of " + answer);
        assertTrue(
                contentType != null && contentType.startsWith("application/problem+json"),
                () -> "problem+json expected, got " + contentType + ": " + answer);
        JsonObject problem = body.get();
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("type").startsWith("https://"), "type is a URI");
        assertTrue(!problem.getString("title").isBlank(), "title");
        assertTrue(problem.containsKey("instance"), "instance");
        return problem;
    }

    private static JsonObject assertType(String typeSuffix, JsonObject problem) {
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
