package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may do what, for every endpoint, from one table: each row is an endpoint (in the poll state it needs) and
 * the status each kind of caller gets. Each cell runs on a poll of its own, so no cell depends on another.
 */
class AuthorizationMatrixIT extends AgainstTheServer {

    /** The kinds of caller, and whose poll each one is pointed at. */
    enum As {
        NOBODY(null, "author"),
        /** Signed in, in none of Intrapoll's groups. */
        NO_ROLE("visitor", "author"),
        VOTER(Voters.fresh(), "author"),
        AUTHOR_OWN("author", "author"),
        AUTHOR_OTHERS("author", "admin"),
        ADMIN("admin", "author");

        final String user;
        final String pollOwner;

        As(String user, String pollOwner) {
            this.user = user;
            this.pollOwner = pollOwner;
        }
    }

    /** The poll a cell needs, made fresh for it. */
    enum State {
        NONE,
        DRAFT,
        OPEN,
        OPEN_RESULTS_AFTER_CLOSE,
        /** Open, and the cell's caller (when there is one) has voted in it. */
        OPEN_VOTED,
        CLOSED
    }

    /** One endpoint: method, path ({id} is the cell's poll), body, the poll's state, then NOBODY..ADMIN (NO_ROLE second). */
    record Row(String method, String path, String body, State state, int... expected) {
        @Override
        public String toString() {
            return method + " " + path + (state == State.NONE ? "" : " (" + state + " poll)");
        }
    }

    private static final String NEW_POLL = "{\"title\": \"Matrix\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"]}";
    private static final String VOTE = "{\"optionIds\": [\"{option}\"]}";
    /** Asks only for an event nothing sends yet: the webhooks these cells register never get a delivery. */
    private static final String NEW_WEBHOOK =
            "{\"url\": \"https://203.0.113.7/matrix\", \"events\": [\"event.question.created\"]}";

    private static final String NO_WEBHOOK = "00000000-0000-0000-0000-000000000000";

    // spotless:off
    private static final List<Row> TABLE = List.of(
            //                                                                        nobody none voter own  other admin
            new Row("GET", "/api/v1/me", null, State.NONE,                              401, 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/polls", null, State.NONE,                           401, 200, 200, 200, 200, 200),
            new Row("POST", "/api/v1/polls", NEW_POLL, State.NONE,                      401, 403, 403, 201, 201, 201),
            new Row("GET", "/api/v1/polls/{id}", null, State.OPEN,                      401, 403, 200, 200, 200, 200),
            new Row("GET", "/api/v1/polls/{id}", null, State.DRAFT,                     401, 403, 403, 200, 403, 200),
            new Row("PATCH", "/api/v1/polls/{id}", "{\"title\": \"Renamed\"}", State.OPEN, 401, 403, 403, 200, 403, 200),
            new Row("POST", "/api/v1/polls/{id}/open", null, State.DRAFT,               401, 403, 403, 200, 403, 200),
            new Row("POST", "/api/v1/polls/{id}/close", null, State.OPEN,               401, 403, 403, 200, 403, 200),
            new Row("POST", "/api/v1/polls/{id}/archive", null, State.CLOSED,           401, 403, 403, 200, 403, 200),
            new Row("DELETE", "/api/v1/polls/{id}", null, State.DRAFT,                  401, 403, 403, 204, 403, 204),
            new Row("DELETE", "/api/v1/polls/{id}", null, State.OPEN,                   401, 403, 403, 409, 403, 204),
            new Row("POST", "/api/v1/polls/{id}/votes", VOTE, State.OPEN,               401, 403, 202, 202, 202, 202),
            new Row("POST", "/api/v1/polls/{id}/votes", VOTE, State.DRAFT,              401, 403, 403, 409, 403, 409),
            new Row("GET", "/api/v1/polls/{id}/votes/mine", null, State.OPEN,           401, 403, 404, 404, 404, 404),
            new Row("GET", "/api/v1/polls/{id}/votes/mine", null, State.OPEN_VOTED,     401, 403, 200, 200, 200, 200),
            new Row("GET", "/api/v1/votes/mine?poll={id}", null, State.OPEN_VOTED,      401, 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/polls/{id}/results", null, State.OPEN,              401, 403, 200, 200, 200, 200),
            new Row("GET", "/api/v1/polls/{id}/results", null, State.OPEN_RESULTS_AFTER_CLOSE, 401, 403, 403, 200, 403, 200),
            new Row("GET", "/api/v1/polls/{id}/results/stream", null, State.OPEN,       401, 403, 200, 200, 200, 200),
            new Row("GET", "/api/v1/polls/{id}/results/stream", null, State.OPEN_RESULTS_AFTER_CLOSE, 401, 403, 403, 200, 403, 200),
            new Row("GET", "/api/v1/polls/{id}/results.csv", null, State.OPEN,          401, 403, 403, 200, 403, 200),
            new Row("GET", "/api/v1/admin/operations", null, State.NONE,                401, 403, 403, 403, 403, 200),
            new Row("GET", "/api/v1/admin/audit", null, State.NONE,                     401, 403, 403, 403, 403, 200),
            new Row("GET", "/api/v1/admin/audit/verification", null, State.NONE,        401, 403, 403, 403, 403, 200),
            new Row("POST", "/api/v1/admin/tallies/rebuild", null, State.NONE,          401, 403, 403, 403, 403, 200),
            new Row("GET", "/api/v1/admin/webhooks", null, State.NONE,                  401, 403, 403, 403, 403, 200),
            new Row("POST", "/api/v1/admin/webhooks", NEW_WEBHOOK, State.NONE,          401, 403, 403, 403, 403, 201),
            new Row("GET", "/api/v1/admin/webhooks/" + NO_WEBHOOK, null, State.NONE,    401, 403, 403, 403, 403, 404),
            new Row("PATCH", "/api/v1/admin/webhooks/" + NO_WEBHOOK, "{\"active\": false}", State.NONE, 401, 403, 403, 403, 403, 404),
            new Row("DELETE", "/api/v1/admin/webhooks/" + NO_WEBHOOK, null, State.NONE, 401, 403, 403, 403, 403, 404),
            new Row("GET", "/api/v1/admin/webhooks/" + NO_WEBHOOK + "/deliveries", null, State.NONE, 401, 403, 403, 403, 403, 404),
            new Row("POST", "/api/v1/admin/webhooks/" + NO_WEBHOOK + "/deliveries/msg_x/redeliver", null, State.NONE,
                                                                                        401, 403, 403, 403, 403, 404),
            new Row("POST", "/api/v1/bench/noop", "{}", State.NONE,                     401, 404, 404, 404, 404, 404),
            new Row("GET", "/app/index.html", null, State.NONE,                         302, 200, 200, 200, 200, 200),
            new Row("GET", "/app/vote.html?poll={id}", null, State.OPEN,                302, 200, 200, 200, 200, 200),
            new Row("GET", "/console/index.html", null, State.NONE,                     302, 403, 403, 200, 200, 200),
            new Row("GET", "/v/{id}", null, State.OPEN,                                 302, 302, 302, 302, 302, 302),
            new Row("GET", "/embed/{id}", null, State.OPEN,                             200, 200, 200, 200, 200, 200),
            new Row("GET", "/health/ready", null, State.NONE,                           200, 200, 200, 200, 200, 200),
            new Row("GET", "/openapi", null, State.NONE,                                200, 200, 200, 200, 200, 200));
    // spotless:on

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryKindOfCaller() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : TABLE) {
            for (As as : As.values()) {
                int expected = row.expected()[as.ordinal()];
                cells.add(DynamicTest.dynamicTest(row + " as " + as + " -> " + expected, () -> {
                    HttpResponse<InputStream> response = call(row, as);
                    assertEquals(expected, response.statusCode(), row + " as " + as);
                    if (expected == 302) {
                        // nobody is sent to sign in; the signed-in are sent on (the short link to its vote page)
                        String location =
                                response.headers().firstValue("Location").orElse("");
                        assertEquals(
                                as == As.NOBODY, location.contains("/login.html"), row + " as " + as + ": " + location);
                    }
                }));
            }
        }
        return cells.stream();
    }

    @Test
    void someoneWithNoRoleSeesNoPollAtAll() {
        String id = TestPolls.create(
                        Api.as("author"),
                        TestPolls.singleChoice("Open to everyone").add("open", true))
                .getString("id");
        JsonObject page = Api.as(As.NO_ROLE.user).get("/api/v1/polls").json();
        assertEquals(0, page.getJsonArray("items").size(), page.toString());
        // Asked about it by id, the answer is the same as for a poll that does not exist: nothing.
        JsonObject mine =
                Api.as(As.NO_ROLE.user).get("/api/v1/votes/mine?poll=" + id).json();
        assertEquals(0, mine.getJsonArray("voted").size(), mine.toString());
        assertEquals(List.of(), Api.as(As.NO_ROLE.user).get("/api/v1/me").json().getJsonArray("roles"));
    }

    /** Makes the cell's poll, then calls; the status is read from the headers, so streams are not waited on. */
    private static HttpResponse<InputStream> call(Row row, As as) throws IOException, InterruptedException {
        String path = row.path();
        String body = row.body();
        if (row.state() != State.NONE) {
            JsonObject poll = pollIn(row.state(), as.pollOwner, as.user);
            String id = poll.getString("id");
            String option = poll.getJsonArray("options").getJsonObject(0).getString("id");
            path = path.replace("{id}", id);
            body = body == null ? null : body.replace("{option}", option);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(Api.itServer().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        row.method(),
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (as.user != null) {
            request.header("Authorization", Api.basicAuthorization(as.user));
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response;
    }

    private static JsonObject pollIn(State state, String owner, String voter) {
        Api api = Api.as(owner);
        UnaryOperator<JsonObjectBuilder> settings = poll -> switch (state) {
            case OPEN, OPEN_VOTED, CLOSED -> poll.add("open", true);
            case OPEN_RESULTS_AFTER_CLOSE -> poll.add("open", true).add("resultsVisibility", "AFTER_CLOSE");
            default -> poll;
        };
        JsonObject poll = TestPolls.create(api, settings.apply(TestPolls.singleChoice("Matrix cell")));
        if (state == State.OPEN_VOTED && voter != null && !voter.equals(As.NO_ROLE.user)) {
            String option = poll.getJsonArray("options").getJsonObject(0).getString("id");
            assertEquals(
                    202, Votes.vote(Api.as(voter), poll.getString("id"), option).status());
        }
        if (state == State.CLOSED) {
            Api.Reply closed = api.post("/api/v1/polls/" + poll.getString("id") + "/close");
            assertEquals(200, closed.status(), closed::toString);
        }
        return poll;
    }
}
