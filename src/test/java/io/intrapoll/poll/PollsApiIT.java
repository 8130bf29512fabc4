package io.intrapoll.poll;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.ProblemAssertions.errorFields;
import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.TestPolls.uniqueWord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every row of the contract's Polls table, against a real Liberty on PostgreSQL. */
class PollsApiIT extends AgainstTheServer {

    private final Api author = Api.as("author");
    private final Api admin = Api.as("admin");

    @Test
    void createdPollIsADraftWithLocationAndETag() {
        Api.Reply reply = author.post(
                "/api/v1/polls",
                poll("Team lunch", "MULTIPLE", "Pizza", "Sushi", "Salad")
                        .add("maxChoices", 2)
                        .add("description", "Friday")
                        .build()
                        .toString());
        assertEquals(201, reply.status(), reply::toString);
        JsonObject poll = reply.json();
        assertEquals("DRAFT", poll.getString("status"));
        assertEquals("author", poll.getString("createdBy"));
        assertEquals(3, poll.getJsonArray("options").size());
        assertEquals(2, poll.getInt("maxChoices"));
        assertFalse(poll.getBoolean("anonymous"));
        assertEquals("LIVE", poll.getString("resultsVisibility"));
        assertTrue(reply.header("Location").endsWith("/api/v1/polls/" + poll.getString("id")));
        assertEquals("\"" + poll.getJsonNumber("version") + "\"", reply.header("ETag"));
        poll.getJsonArray("options")
                .forEach(option -> assertNotNull(option.asJsonObject().getString("id")));
    }

    @Test
    void createWithOpenTrueOpensAtOnce() {
        JsonObject poll = create(author, singleChoice("Open at once").add("open", true));
        assertEquals("OPEN", poll.getString("status"));
    }

    @Test
    void readAnswersWithETagAnd304WhenUnchanged() {
        String id = create(author, singleChoice("Read me")).getString("id");
        Api.Reply read = author.get("/api/v1/polls/" + id);
        assertEquals(200, read.status());
        assertEquals("Read me", read.string("title"));
        String etag = read.header("ETag");
        assertNotNull(etag);
        Api.Reply again = author.with("If-None-Match", etag).get("/api/v1/polls/" + id);
        assertEquals(304, again.status());
        assertEquals("", again.body());
        author.patch("/api/v1/polls/" + id, "{\"title\": \"Read me again\"}");
        assertEquals(
                200,
                author.with("If-None-Match", etag).get("/api/v1/polls/" + id).status());
    }

    @Test
    void unknownPollIs404() {
        assertProblem(404, "not-found", author.get("/api/v1/polls/00000000-0000-0000-0000-000000000000"));
        assertProblem(404, "not-found", author.get("/api/v1/polls/not%20an%20id"));
    }

    @Test
    void listPagesNewestFirstWithTotal() {
        String word = uniqueWord();
        for (int i = 0; i < 5; i++) {
            create(author, singleChoice(word + " " + i));
        }
        JsonObject first =
                author.get("/api/v1/polls?q=" + word + "&page=0&size=2").json();
        assertEquals(5, first.getInt("total"));
        assertEquals(0, first.getInt("page"));
        assertEquals(2, first.getInt("size"));
        assertEquals(List.of(word + " 4", word + " 3"), titles(first));
        JsonObject last =
                author.get("/api/v1/polls?q=" + word + "&page=2&size=2").json();
        assertEquals(List.of(word + " 0"), titles(last));
        JsonObject beyond =
                author.get("/api/v1/polls?q=" + word + "&page=9&size=2").json();
        assertEquals(0, beyond.getJsonArray("items").size());
        assertEquals(5, beyond.getInt("total"));
    }

    @Test
    void listSortedByClosingPutsTheSoonestFirstAndThoseWithoutAClosingTimeLast() {
        String word = uniqueWord();
        java.time.Instant now = java.time.Instant.now();
        // Created in an order unlike both sorts: newest first is "in two days", "no closing", "in an hour".
        create(
                author,
                singleChoice(word + " in an hour")
                        .add("open", true)
                        .add("closesAt", now.plus(java.time.Duration.ofHours(1)).toString()));
        create(author, singleChoice(word + " no closing").add("open", true));
        create(
                author,
                singleChoice(word + " in two days")
                        .add("open", true)
                        .add("closesAt", now.plus(java.time.Duration.ofDays(2)).toString()));
        assertEquals(
                List.of(word + " in an hour", word + " in two days", word + " no closing"),
                titles(author.get("/api/v1/polls?status=OPEN&sort=closing&q=" + word)
                        .json()));
        assertEquals(
                List.of(word + " in two days", word + " no closing", word + " in an hour"),
                titles(author.get("/api/v1/polls?q=" + word + "&sort=newest").json()),
                "newest first, as without sort");
        assertEquals(Set.of("sort"), errorFields(assertProblem(400, author.get("/api/v1/polls?sort=oldest"))));
    }

    @Test
    void listDefaultsToPage0Size20() {
        JsonObject page = author.get("/api/v1/polls").json();
        assertEquals(0, page.getInt("page"));
        assertEquals(20, page.getInt("size"));
    }

    @Test
    void listFiltersByStatusAndTextInAnyCase() {
        String word = uniqueWord();
        create(author, singleChoice(word + " draft"));
        create(author, singleChoice(word.toUpperCase() + " open").add("open", true));
        assertEquals(
                Set.of(word.toUpperCase() + " open"),
                Set.copyOf(
                        titles(author.get("/api/v1/polls?status=OPEN&q=" + word).json())));
        assertEquals(
                Set.of(word + " draft"),
                Set.copyOf(titles(
                        author.get("/api/v1/polls?status=DRAFT&q=" + word).json())));
        assertEquals(
                2, author.get("/api/v1/polls?q=" + word.toUpperCase()).json().getInt("total"));
    }

    @Test
    void pageSizeOutsideOneToHundredIsRefused() {
        assertEquals(Set.of("size"), errorFields(assertProblem(400, author.get("/api/v1/polls?size=0"))));
        assertEquals(Set.of("size"), errorFields(assertProblem(400, author.get("/api/v1/polls?size=101"))));
        assertEquals(Set.of("page"), errorFields(assertProblem(400, author.get("/api/v1/polls?page=-1"))));
        assertEquals(Set.of("status"), errorFields(assertProblem(400, author.get("/api/v1/polls?status=GONE"))));
        assertEquals(Set.of("size"), errorFields(assertProblem(400, author.get("/api/v1/polls?size=ten"))));
        assertEquals(200, author.get("/api/v1/polls?size=100").status());
        assertEquals(200, author.get("/api/v1/polls?size=1").status());
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndBumpsTheETag() {
        JsonObject created = create(author, singleChoice("Before").add("description", "kept"));
        String id = created.getString("id");
        Api.Reply changed =
                author.patch("/api/v1/polls/" + id, "{\"title\": \"After\", \"closesAt\": \"2099-01-01T00:00:00Z\"}");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("After", changed.string("title"));
        assertEquals("kept", changed.string("description"));
        assertEquals("2099-01-01T00:00:00Z", changed.string("closesAt"));
        assertTrue(changed.json().getJsonNumber("version").longValue()
                > created.getJsonNumber("version").longValue());
        assertEquals(changed.header("ETag"), author.get("/api/v1/polls/" + id).header("ETag"));
        Api.Reply cleared = author.patch("/api/v1/polls/" + id, "{\"closesAt\": null}");
        assertFalse(cleared.json().containsKey("closesAt"));
    }

    @Test
    void changingOnlyTheAudienceGivesANewVersionThatReadsShow() {
        JsonObject created = create(author, singleChoice("Audience only").add("open", true));
        String id = created.getString("id");
        author.get("/api/v1/polls/" + id); // cached as created
        Api.Reply changed = author.patch("/api/v1/polls/" + id, "{\"audienceGroups\": [\"engineering\"]}");
        assertEquals(200, changed.status(), changed::toString);
        assertTrue(changed.json().getJsonNumber("version").longValue()
                > created.getJsonNumber("version").longValue());
        Api.Reply read = author.get("/api/v1/polls/" + id);
        assertEquals(changed.header("ETag"), read.header("ETag"));
        assertEquals("engineering", read.json().getJsonArray("audienceGroups").getString(0));
    }

    @Test
    void patchWithStaleIfMatchIs412AndChangesNothing() {
        String id = create(author, singleChoice("Concurrent")).getString("id");
        String etag = author.get("/api/v1/polls/" + id).header("ETag");
        assertEquals(
                200,
                author.with("If-Match", etag)
                        .patch("/api/v1/polls/" + id, "{\"title\": \"First\"}")
                        .status());
        assertProblem(
                412,
                "precondition-failed",
                author.with("If-Match", etag).patch("/api/v1/polls/" + id, "{\"title\": \"Second\"}"));
        assertEquals("First", author.get("/api/v1/polls/" + id).string("title"));
    }

    @Test
    void optionsChangeInDraftKeepingIdsButNotAfterOpening() {
        JsonObject created = create(author, singleChoice("Options"));
        String id = created.getString("id");
        String yesId = created.getJsonArray("options").getJsonObject(0).getString("id");
        Api.Reply changed = author.patch(
                "/api/v1/polls/" + id,
                "{\"options\": [{\"id\": \"" + yesId
                        + "\", \"label\": \"Yes!\"}, {\"label\": \"Maybe\"}, {\"label\": \"No\"}]}");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(yesId, changed.array("options").getJsonObject(0).getString("id"));
        assertEquals(List.of("Yes!", "Maybe", "No"), labels(changed.json()));
        assertEquals(200, author.post("/api/v1/polls/" + id + "/open").status());
        assertProblem(409, "poll-not-draft", author.patch("/api/v1/polls/" + id, "{\"options\": [\"a\", \"b\"]}"));
        assertProblem(409, "poll-not-draft", author.patch("/api/v1/polls/" + id, "{\"type\": \"RANKED\"}"));
        assertEquals(
                List.of("Yes!", "Maybe", "No"),
                labels(author.get("/api/v1/polls/" + id).json()));
    }

    @Test
    void patchWithUnknownOptionIdIs422() {
        String id = create(author, singleChoice("Ids")).getString("id");
        var problem = assertProblem(
                422,
                author.patch(
                        "/api/v1/polls/" + id,
                        "{\"options\": [{\"id\": \"no-such-option\", \"label\": \"a\"}, {\"label\": \"b\"}]}"));
        assertEquals(Set.of("options[0].id"), errorFields(problem));
    }

    @Test
    void lifecycleFollowsTheAllowedTransitions() {
        String id = create(author, singleChoice("Lifecycle")).getString("id");
        String path = "/api/v1/polls/" + id;
        assertProblem(409, "invalid-transition", author.post(path + "/close"));
        assertProblem(409, "invalid-transition", author.post(path + "/archive"));
        assertEquals("OPEN", author.post(path + "/open").string("status"));
        assertProblem(409, "invalid-transition", author.post(path + "/open"));
        assertProblem(409, "invalid-transition", author.post(path + "/archive"));
        assertEquals("CLOSED", author.post(path + "/close").string("status"));
        assertEquals("OPEN", author.post(path + "/open").string("status"), "reopen");
        assertEquals("CLOSED", author.post(path + "/close").string("status"));
        assertEquals("ARCHIVED", author.post(path + "/archive").string("status"));
        for (String action : List.of("open", "close", "archive")) {
            assertProblem(409, "invalid-transition", author.post(path + "/" + action));
        }
        assertEquals("ARCHIVED", author.get(path).string("status"));
    }

    @Test
    void transitionAnswersWithThePollAndItsNewETag() {
        String id = create(author, singleChoice("Tagged")).getString("id");
        Api.Reply opened = author.post("/api/v1/polls/" + id + "/open");
        assertEquals(200, opened.status());
        assertEquals(opened.header("ETag"), author.get("/api/v1/polls/" + id).header("ETag"));
    }

    @Test
    void ownerDeletesOnlyDraftsAdminDeletesAny() {
        String draft = create(author, singleChoice("Draft to delete")).getString("id");
        assertEquals(204, author.delete("/api/v1/polls/" + draft).status());
        assertProblem(404, author.get("/api/v1/polls/" + draft));

        String open =
                create(author, singleChoice("Open to delete").add("open", true)).getString("id");
        assertProblem(409, "poll-not-draft", author.delete("/api/v1/polls/" + open));
        assertEquals(200, author.get("/api/v1/polls/" + open).status());
        assertEquals(204, admin.delete("/api/v1/polls/" + open).status());
        assertProblem(404, admin.get("/api/v1/polls/" + open));
        assertProblem(404, admin.delete("/api/v1/polls/" + open));
    }

    @Test
    void validationFailuresNameEveryField() {
        var problem = assertProblem(
                422,
                "validation-failed",
                author.post(
                        "/api/v1/polls",
                        poll("", "MULTIPLE", "Same", "same")
                                .add("maxChoices", 3)
                                .add("description", "d".repeat(2001))
                                .build()
                                .toString()));
        assertEquals(Set.of("title", "options[1].label", "maxChoices", "description"), errorFields(problem));
        var tooFew = assertProblem(
                422,
                author.post(
                        "/api/v1/polls", poll("t", "SINGLE", "lonely").build().toString()));
        assertEquals(Set.of("options"), errorFields(tooFew));
        var noType =
                assertProblem(422, author.post("/api/v1/polls", "{\"title\": \"t\", \"options\": [\"a\", \"b\"]}"));
        assertEquals(Set.of("type"), errorFields(noType));
    }

    @Test
    void rankedAndAnonymousPollsAreStoredAsSent() {
        JsonObject poll = create(
                author,
                poll("Rank", "RANKED", "A", "B", "C")
                        .add("anonymous", true)
                        .add("allowVoteChange", false)
                        .add("resultsVisibility", "AFTER_CLOSE"));
        JsonObject read = author.get("/api/v1/polls/" + poll.getString("id")).json();
        assertEquals("RANKED", read.getString("type"));
        assertTrue(read.getBoolean("anonymous"));
        assertFalse(read.getBoolean("allowVoteChange"));
        assertEquals("AFTER_CLOSE", read.getString("resultsVisibility"));
        assertEquals(List.of("A", "B", "C"), labels(read));
    }

    private static List<String> titles(JsonObject page) {
        return page.getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .map(p -> p.getString("title"))
                .collect(Collectors.toList());
    }

    private static List<String> labels(JsonObject poll) {
        return poll.getJsonArray("options").stream()
                .map(o -> o.asJsonObject().getString("label"))
                .toList();
    }
}
