package io.intrapoll.tally;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Metrics;
import io.intrapoll.support.ResultsStream;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /polls/{id}/results/stream on one node: results at once, each change, refusals, released connections. */
class ResultsStreamIT extends AgainstTheServer {

    private static final Duration SOON = Duration.ofSeconds(5);

    private final Api author = Api.as("author");

    @Test
    void resultsAtOnceThenEveryChange() throws Exception {
        JsonObject poll = create(author, singleChoice("Streamed").add("open", true));
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        String watcher = Voters.fresh();
        try (ResultsStream stream = ResultsStream.open(Api.itServer(), watcher, id)) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            JsonObject first = stream.next(SOON);
            assertNotNull(first, "the results at once");
            assertEquals(id, first.getString("pollId"));
            assertEquals(0, first.getJsonNumber("totalBallots").longValue());

            assertEquals(202, vote(Api.as(watcher), id, options[0]).status());
            JsonObject one = stream.awaitBallots(1, SOON);
            assertNotNull(one, "the vote was streamed");
            assertEquals(1, one.getJsonArray("options").getJsonObject(0).getInt("votes"));

            assertEquals(202, vote(Api.as(Voters.fresh()), id, options[1]).status());
            assertEquals(202, vote(Api.as(Voters.fresh()), id, options[1]).status());
            JsonObject three = stream.awaitBallots(3, SOON);
            assertNotNull(three, "later votes were streamed");
            assertEquals(2, three.getJsonArray("options").getJsonObject(1).getInt("votes"));
        }
    }

    @Test
    void refusalsAreProblemsBeforeAnyStream() throws Exception {
        try (ResultsStream unknown =
                ResultsStream.open(Api.itServer(), "author", UUID.randomUUID().toString())) {
            assertEquals(404, unknown.status());
            assertTrue(unknown.contentType().startsWith("application/problem+json"), unknown.contentType());
        }
        JsonObject hidden = create(author, singleChoice("Hidden until closed").add("resultsVisibility", "AFTER_CLOSE"));
        author.post("/api/v1/polls/" + hidden.getString("id") + "/open", "");
        try (ResultsStream refused = ResultsStream.open(Api.itServer(), Voters.fresh(), hidden.getString("id"))) {
            assertEquals(403, refused.status());
            assertTrue(refused.body().contains("\"status\":403"), "a problem body");
        }
        try (ResultsStream owner = ResultsStream.open(Api.itServer(), "author", hidden.getString("id"))) {
            assertEquals(200, owner.status(), "the owner sees results before the close");
            assertNotNull(owner.next(SOON));
        }
    }

    @Test
    void closedStreamsAreReleased() throws Exception {
        JsonObject poll = create(author, singleChoice("Released").add("open", true));
        ResultsStream stream = ResultsStream.open(Api.itServer(), "author", poll.getString("id"));
        assertNotNull(stream.next(SOON));
        assertTrue(subscribers() >= 1, "subscribed");
        stream.close();
        // Every stream of these tests is closed now. The server finds a closed client out at its next write:
        // the heartbeat (2 s in the tests).
        long deadline = System.currentTimeMillis() + 15_000;
        while (subscribers() > 0 && System.currentTimeMillis() < deadline) {
            Votes.sleep(200);
        }
        assertEquals(0, subscribers(), "released after the clients went away");
    }

    private static long subscribers() {
        return (long) Metrics.gauge("intrapoll_results_stream_subscribers");
    }
}
