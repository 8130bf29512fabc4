package io.intrapoll.platform;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.ProblemAssertions.errorFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.RawHttp;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A client's mistake is a 4xx problem+json naming it, never a 500, and stores nothing. */
class ErrorsIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    @Test
    void malformedJsonIs400() {
        assertProblem(400, "bad-request", author.post("/api/v1/polls", "{\"title\": \"unterminated"));
        assertProblem(400, "bad-request", author.post("/api/v1/polls", "not json at all"));
        assertProblem(400, "bad-request", author.post("/api/v1/polls", ""));
        assertProblem(400, "bad-request", author.post("/api/v1/polls", "[\"an\", \"array\"]"));
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        var problem = assertProblem(
                400,
                author.post(
                        "/api/v1/polls",
                        "{\"title\": [\"x\"], \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"], \"anonymous\": \"yes\", \"maxChoices\": \"2\"}"));
        assertEquals(Set.of("title", "anonymous", "maxChoices"), errorFields(problem));
    }

    @Test
    void unknownEnumValueIs400() {
        var problem = assertProblem(
                400,
                author.post(
                        "/api/v1/polls",
                        "{\"title\": \"t\", \"type\": \"APPROVAL\", \"options\": [\"a\", \"b\"], \"resultsVisibility\": \"NEVER\"}"));
        assertEquals(Set.of("type", "resultsVisibility"), errorFields(problem));
    }

    @Test
    void unknownFieldIs400() {
        var problem = assertProblem(
                400,
                author.post(
                        "/api/v1/polls",
                        "{\"title\": \"t\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"], \"colour\": \"red\"}"));
        assertEquals(Set.of("colour"), errorFields(problem));
    }

    @Test
    void malformedPatchIs400() {
        String id = io.intrapoll.support.TestPolls.create(
                        author, io.intrapoll.support.TestPolls.singleChoice("Patch target"))
                .getString("id");
        assertProblem(400, author.patch("/api/v1/polls/" + id, "{\"title\": "));
        assertProblem(400, author.patch("/api/v1/polls/" + id, "{\"status\": \"OPEN\"}"));
        assertEquals("DRAFT", author.get("/api/v1/polls/" + id).string("status"));
    }

    /** A body nested 1,000 deep, to create a poll and to vote: a 400 about the body, not a 500. */
    @Test
    void jsonNestedAThousandDeepIs400() {
        String arrays = "[".repeat(1_000) + "]".repeat(1_000);
        String objects = "{\"a\": ".repeat(1_000) + "1" + "}".repeat(1_000);
        assertProblem(400, "bad-request", author.post("/api/v1/polls", "{\"title\": " + arrays + "}"));
        assertProblem(400, "bad-request", author.post("/api/v1/polls", "{\"title\": " + objects + "}"));

        String poll = TestPolls.create(
                        author, TestPolls.singleChoice("Deep ballots").add("open", true))
                .getString("id");
        Api voter = Api.as(Voters.fresh());
        String votes = "/api/v1/polls/" + poll + "/votes";
        assertProblem(400, "bad-request", voter.post(votes, "{\"optionIds\": " + arrays + "}"));
        assertProblem(400, "bad-request", voter.post(votes, "{\"optionIds\": " + objects + "}"));
        assertEquals(404, voter.get(votes + "/mine").status(), "nothing was cast");
    }

    @Test
    void bodyOver64KiBIs413() {
        String big = "{\"title\": \"" + "x".repeat(70_000) + "\"}";
        assertProblem(413, "payload-too-large", author.post("/api/v1/polls", big));
    }

    @Test
    void chunkedBodyOver64KiBIs413() throws Exception {
        byte[] big = ("{\"title\": \"" + "x".repeat(70_000) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(Api.itServer().resolve("/api/v1/polls"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("author:author".getBytes()))
                // an InputStream publisher has no known length: sent chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
    }

    @Test
    void unknownPathIs404() {
        assertProblem(404, "not-found", author.get("/api/v1/no-such-thing"));
        assertProblem(404, "not-found", author.get("/no-such-page"));
    }

    /**
     * A '[' or ']' in a path is no URI (RFC 3986): a 400. Such a request reached JAX-RS, whose UriInfo could not
     * parse its address when a problem mapper asked for the instance, so every answer to it was a 500.
     */
    @Test
    void bracketsInAPathAre400() {
        String credentials = "Authorization: " + Api.basicAuthorization("author");
        for (String path : List.of("/api/v1/polls/[x]", "/api/v1/polls/]", "/api/v1/polls/[")) {
            var problem = assertProblem(400, "bad-request", RawHttp.send(Api.itServer(), "GET", path, credentials));
            assertEquals(path.replace("[", "%5B").replace("]", "%5D"), problem.getString("instance"));
        }
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Api.Reply reply = author.send("PUT", "/api/v1/polls", "application/json", "{}");
        assertProblem(405, "method-not-allowed", reply);
        assertNotNull(reply.header("Allow"));
        assertTrue(reply.header("Allow").contains("POST"));
    }

    @Test
    void wrongMediaTypeIs415() {
        assertProblem(415, "unsupported-media-type", author.send("POST", "/api/v1/polls", "text/plain", "hello"));
        assertProblem(415, author.send("POST", "/api/v1/polls", "application/xml", "<poll/>"));
    }

    @Test
    void noRefusalStoredAPoll() {
        String word = io.intrapoll.support.TestPolls.uniqueWord();
        author.post("/api/v1/polls", "{\"title\": \"" + word + "\", \"type\": \"NOPE\", \"options\": [\"a\", \"b\"]}");
        author.post("/api/v1/polls", "{\"title\": \"" + word + "\", \"type\": \"SINGLE\", \"options\": [\"a\"]}");
        author.post(
                "/api/v1/polls",
                "{\"title\": \"" + word + "\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"], \"x\": 1}");
        assertEquals(0, author.get("/api/v1/polls?q=" + word).json().getInt("total"));
    }

    @Test
    void problemsCarryTheRequestPath() {
        var problem = assertProblem(404, author.get("/api/v1/polls/missing-poll"));
        assertEquals("/api/v1/polls/missing-poll", problem.getString("instance"));
        URI.create(problem.getString("type"));
    }
}
