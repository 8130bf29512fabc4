package io.intrapoll.tally;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.FormSignIn;
import io.intrapoll.support.Metrics;
import io.intrapoll.support.ResultsStream;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /polls/{id}/results/stream on one node: results at once, each change, refusals, streams that end with their
 * permission, the per-person limit, released connections.
 */
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
    void aStreamEndsWithTheBrowserSessionItWasOpenedWith() throws Exception {
        String voter = Voters.fresh();
        String session = FormSignIn.signIn(Api.itServer(), voter, voter);
        JsonObject poll = create(author, singleChoice("Followed until sign-out").add("open", true));
        try (ResultsStream stream = ResultsStream.openWith(Api.itServer(), poll.getString("id"), "Cookie", session)) {
            assertEquals(200, stream.status());
            assertNotNull(stream.next(SOON), "the results at once");
            assertEquals(303, FormSignIn.signOut(Api.itServer(), session));
            assertTrue(stream.awaitEnd(SOON), "the stream ended with the session");
        }
        try (ResultsStream again = ResultsStream.openWith(Api.itServer(), poll.getString("id"), "Cookie", session)) {
            assertEquals(401, again.status(), "the ended session opens nothing");
        }
    }

    @Test
    void aStreamEndsWhenItsPollsResultsAreHiddenAgain() throws Exception {
        JsonObject poll = create(
                author,
                singleChoice("Shown after the close")
                        .add("resultsVisibility", "AFTER_CLOSE")
                        .add("open", true));
        String id = poll.getString("id");
        assertEquals(200, author.post("/api/v1/polls/" + id + "/close").status());
        try (ResultsStream voter = ResultsStream.open(Api.itServer(), Voters.fresh(), id);
                ResultsStream owner = ResultsStream.open(Api.itServer(), "author", id)) {
            assertEquals(200, voter.status(), "closed: voters see the results");
            assertNotNull(voter.next(SOON));
            assertNotNull(owner.next(SOON));

            assertEquals(
                    200, Api.as("admin").post("/api/v1/polls/" + id + "/open").status());
            assertTrue(voter.awaitEnd(SOON), "reopened: the voter may not read the results any more");
            // The close may still be on its way to the owner's stream as a change of its own: wait for the reopening.
            assertNotNull(owner.awaitStatus("OPEN", SOON), "the owner still may");
            assertFalse(owner.awaitEnd(Duration.ofMillis(500)), "the owner's stream stays open");
        }
    }

    @Test
    void aStreamEndsWhenItsCallerLeavesTheAudienceOrThePollIsDeleted() throws Exception {
        JsonObject poll = create(author, singleChoice("Narrowed").add("open", true));
        String id = poll.getString("id");
        try (ResultsStream engineer = ResultsStream.open(Api.itServer(), Voters.freshEngineer(), id);
                ResultsStream salesperson = ResultsStream.open(Api.itServer(), Voters.freshSalesperson(), id)) {
            assertNotNull(engineer.next(SOON));
            assertNotNull(salesperson.next(SOON));

            assertEquals(
                    200,
                    author.patch("/api/v1/polls/" + id, "{\"audienceGroups\": [\"engineering\"]}")
                            .status());
            assertTrue(salesperson.awaitEnd(SOON), "out of the audience: the stream ended");
            assertNotNull(engineer.next(SOON), "still in the audience: the change was streamed");
            assertFalse(engineer.awaitEnd(Duration.ofMillis(500)));

            assertEquals(204, Api.as("admin").delete("/api/v1/polls/" + id).status());
            assertTrue(engineer.awaitEnd(SOON), "the poll is gone: so is its stream");
        }
    }

    @Test
    void onePersonHoldsAtMostTenStreams() throws Exception {
        JsonObject poll = create(author, singleChoice("Watched in many tabs").add("open", true));
        String id = poll.getString("id");
        String voter = Voters.fresh();
        List<ResultsStream> tabs = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                tabs.add(ResultsStream.open(Api.itServer(), voter, id));
                assertEquals(200, tabs.get(i).status(), "stream " + (i + 1));
            }
            try (ResultsStream eleventh = ResultsStream.open(Api.itServer(), voter, id)) {
                assertEquals(429, eleventh.status());
                assertTrue(eleventh.contentType().startsWith("application/problem+json"), eleventh.contentType());
                assertTrue(eleventh.body().contains("10 results streams"), "says why");
            }
            try (ResultsStream someoneElse = ResultsStream.open(Api.itServer(), Voters.fresh(), id)) {
                assertEquals(200, someoneElse.status(), "the limit is per person");
            }
            tabs.remove(0).close();
            // The server finds the closed tab out at its next write (the heartbeat, 2 s in the tests).
            int status = 0;
            long deadline = System.currentTimeMillis() + 15_000;
            while (status != 200 && System.currentTimeMillis() < deadline) {
                Votes.sleep(500);
                ResultsStream retry = ResultsStream.open(Api.itServer(), voter, id);
                status = retry.status();
                if (status == 200) {
                    tabs.add(retry);
                } else {
                    retry.close();
                }
            }
            assertEquals(200, status, "a closed tab makes room for another");
        } finally {
            tabs.forEach(ResultsStream::close);
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
