package io.intrapoll.tally;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.TestPolls.withAudience;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Results that caches may keep (issue: results cacheable at the edge): a strong ETag naming the tally revision, 304
 * on If-None-Match, and a second's Cache-Control, public only where every voter may read them.
 */
class ResultsCachingIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    @Test
    void theEtagNamesTheTallyRevisionAndA304AnswersItUntilAVoteIsCounted() {
        JsonObject poll = create(author, singleChoice("Cache me").add("open", true));
        String path = "/api/v1/polls/" + poll.getString("id") + "/results";
        Api voter = Api.as(Voters.fresh());

        Api.Reply first = voter.get(path);
        assertEquals(200, first.status(), first::toString);
        String etag = first.header("ETag");
        assertTrue(etag != null && etag.startsWith("\"") && etag.endsWith("\""), "a strong ETag: " + etag);
        Api.Reply again = voter.get(path);
        assertEquals(etag, again.header("ETag"));
        assertEquals(first.body(), again.body(), "one tag, one representation, byte for byte (asOf included)");

        Api.Reply notModified = voter.with("If-None-Match", etag).get(path);
        assertEquals(304, notModified.status(), notModified::toString);
        assertEquals(etag, notModified.header("ETag"));
        assertEquals("", notModified.body());
        assertEquals("public, max-age=1", notModified.header("Cache-Control"));
        assertProblem(412, voter.with("If-Match", "\"garbage\"").get(path));
        assertEquals(200, voter.with("If-Match", etag).get(path).status());

        vote(voter, poll.getString("id"), optionIds(poll)[0]);
        awaitCounted(author, poll.getString("id"), 1);
        Api.Reply changed = voter.with("If-None-Match", etag).get(path);
        assertEquals(200, changed.status(), changed::toString);
        assertNotEquals(etag, changed.header("ETag"));
        assertEquals(1, changed.json().getInt("totalBallots"));
        assertEquals(
                304,
                voter.with("If-None-Match", changed.header("ETag")).get(path).status());
        assertEquals(
                304,
                Api.as(Voters.fresh())
                        .with("If-None-Match", "\"other\", " + changed.header("ETag"))
                        .get(path)
                        .status(),
                "any voter's copy of the same revision is current");

        Api.Reply closed = author.post("/api/v1/polls/" + poll.getString("id") + "/close");
        assertEquals(200, closed.status(), closed::toString);
        Api.Reply afterClose =
                voter.with("If-None-Match", changed.header("ETag")).get(path);
        assertEquals(200, afterClose.status(), "closing changes the results' status: " + afterClose);
        assertEquals("CLOSED", afterClose.json().getString("status"));
    }

    @Test
    void resultsEveryVoterMayReadArePublicWithVaryAuthorizationOthersPrivate() {
        JsonObject everyone = create(author, singleChoice("For everyone").add("open", true));
        Api.Reply shared = Api.as(Voters.fresh()).get("/api/v1/polls/" + everyone.getString("id") + "/results");
        assertEquals("public, max-age=1", shared.header("Cache-Control"));
        assertEquals("Authorization", shared.header("Vary"));

        JsonObject engineering = create(
                author, withAudience(singleChoice("Engineering only").add("open", true), List.of("engineering")));
        Api.Reply restricted = author.get("/api/v1/polls/" + engineering.getString("id") + "/results");
        assertEquals(200, restricted.status(), restricted::toString);
        assertEquals("private, max-age=1", restricted.header("Cache-Control"));
        assertNull(restricted.header("Vary"));
        Api.Reply refused = Api.as("voter999").get("/api/v1/polls/" + engineering.getString("id") + "/results");
        assertEquals(403, refused.status(), refused::toString);
        assertEquals(List.of("no-store"), refused.http().headers().allValues("Cache-Control"), "a refusal is not kept");

        JsonObject heldBack =
                create(author, singleChoice("After close").add("open", true).add("resultsVisibility", "AFTER_CLOSE"));
        Api.Reply owners = author.get("/api/v1/polls/" + heldBack.getString("id") + "/results");
        assertEquals(200, owners.status(), owners::toString);
        assertEquals("private, max-age=1", owners.header("Cache-Control"), "only its owner may read them yet");
        assertFalse(owners.body().contains("etag"), "the tag is a header, not a field");
    }
}
