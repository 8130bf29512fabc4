package io.intrapoll.event;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.ProblemAssertions.errorFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.EventStream;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events through the API (API.md, "Events"): join codes, their polls, the presenter's choice, the end, the stream. */
class EventsIT extends AgainstTheServer {

    private static final Duration FOLLOWS_WITHIN = Duration.ofSeconds(3);

    private final Api author = Api.as("author");

    static JsonObject createEvent(Api who, String title, String... audience) {
        var groups = Json.createArrayBuilder();
        List.of(audience).forEach(groups::add);
        Api.Reply created = who.post(
                "/api/v1/events",
                Json.createObjectBuilder()
                        .add("title", title)
                        .add("audienceGroups", groups)
                        .build()
                        .toString());
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    private static List<String> pollIds(JsonObject event) {
        return event.getJsonArray("pollIds").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    private JsonObject draftPoll(String title) {
        return TestPolls.create(author, TestPolls.singleChoice(title));
    }

    @Test
    void anEventIsLiveAtOnceWithASixCharacterCodeWithoutLookAlikes() {
        Api.Reply created = author.post("/api/v1/events", "{\"title\": \"All-hands\", \"qa\": {\"moderated\": true}}");
        assertEquals(201, created.status(), created::toString);
        JsonObject event = created.json();
        assertTrue(created.header("Location").endsWith("/api/v1/events/" + event.getString("id")));
        assertTrue(event.getString("code").matches("[A-HJKMNP-Z2-9]{6}"), event::toString);
        assertEquals("LIVE", event.getString("status"));
        assertEquals(List.of(), pollIds(event));
        assertEquals(JsonValue.NULL, event.get("activePollId"));
        JsonObject qa = event.getJsonObject("qa");
        assertTrue(qa.getBoolean("enabled") && qa.getBoolean("anonymousQuestions") && qa.getBoolean("moderated"));
        assertEquals("author", event.getString("createdBy"));
        assertNotNull(event.getString("createdAt"));
    }

    @Test
    void onlyAuthorsAndAdminsCreateEventsAndTheirFieldsAreChecked() {
        assertProblem(403, Api.as(Voters.fresh()).post("/api/v1/events", "{\"title\": \"Mine\"}"));
        JsonObject problem = assertProblem(422, author.post("/api/v1/events", "{\"title\": \" \"}"));
        assertEquals(Set.of("title"), errorFields(problem));
        assertProblem(400, author.post("/api/v1/events", "{\"title\": "));
        assertProblem(400, author.post("/api/v1/events", "{\"title\": \"x\", \"code\": \"AAAAAA\"}"));
    }

    @Test
    void aCodeJoinsInAnyCaseWithinTheAudienceAndNotOnceEnded() {
        JsonObject event = createEvent(author, "Sales kick-off", "sales");
        String code = event.getString("code");
        Api salesperson = Api.as(Voters.freshSalesperson());
        Api.Reply joined = salesperson.get("/api/v1/join/" + code.toLowerCase(Locale.ROOT));
        assertEquals(200, joined.status(), joined::toString);
        assertEquals(event.getString("id"), joined.string("id"));
        assertEquals(
                200,
                salesperson
                        .get("/api/v1/join/" + code.substring(0, 3) + "-" + code.substring(3))
                        .status());
        assertProblem(403, Api.as(Voters.freshEngineer()).get("/api/v1/join/" + code));
        assertProblem(404, salesperson.get("/api/v1/join/ZZZZZZZ"));
        assertProblem(404, salesperson.get("/api/v1/join/" + (code.startsWith("A") ? "B" : "A") + code.substring(1)));

        assertEquals(
                "ENDED",
                author.post("/api/v1/events/" + event.getString("id") + "/end").string("status"));
        assertProblem(404, salesperson.get("/api/v1/join/" + code));
        assertProblem(409, "event-ended", author.post("/api/v1/events/" + event.getString("id") + "/end"));
        assertProblem(
                409,
                "event-ended",
                salesperson.post("/api/v1/events/" + event.getString("id") + "/questions", "{\"text\": \"Late?\"}"));
    }

    @Test
    void thePresenterMovesThroughTheEventsPollsOpeningDrafts() {
        JsonObject event = createEvent(author, "Town hall");
        String id = event.getString("id");
        JsonObject first =
                TestPolls.create(author, TestPolls.singleChoice("First").add("eventId", id));
        JsonObject second = draftPoll("Second");
        Api.Reply added =
                author.post("/api/v1/events/" + id + "/polls", "{\"pollId\": \"" + second.getString("id") + "\"}");
        assertEquals(200, added.status(), added::toString);
        assertEquals(List.of(first.getString("id"), second.getString("id")), pollIds(added.json()));
        // Adding it again changes nothing; another event may not take it.
        assertEquals(
                200,
                author.post("/api/v1/events/" + id + "/polls", "{\"pollId\": \"" + second.getString("id") + "\"}")
                        .status());
        String other = createEvent(author, "Another").getString("id");
        assertProblem(
                409,
                "poll-in-another-event",
                author.post("/api/v1/events/" + other + "/polls", "{\"pollId\": \"" + second.getString("id") + "\"}"));

        Api.Reply presented =
                author.post("/api/v1/events/" + id + "/present", "{\"pollId\": \"" + first.getString("id") + "\"}");
        assertEquals(200, presented.status(), presented::toString);
        assertEquals(first.getString("id"), presented.string("activePollId"));
        assertEquals(
                "OPEN", author.get("/api/v1/polls/" + first.getString("id")).string("status"), "a draft opens");
        Api.Reply qa = author.post("/api/v1/events/" + id + "/present", "{\"pollId\": null}");
        assertEquals(JsonValue.NULL, qa.json().get("activePollId"));

        JsonObject stranger = draftPoll("Not in the event");
        JsonObject refused = assertProblem(
                422,
                author.post("/api/v1/events/" + id + "/present", "{\"pollId\": \"" + stranger.getString("id") + "\"}"));
        assertEquals(Set.of("pollId"), errorFields(refused));
        assertProblem(403, Api.as(Voters.fresh()).post("/api/v1/events/" + id + "/present", "{\"pollId\": null}"));
        JsonObject wrongEvent = assertProblem(
                422,
                author.post(
                        "/api/v1/polls",
                        TestPolls.singleChoice("Lost")
                                .add("eventId", "no-such-event")
                                .build()
                                .toString()));
        assertEquals(Set.of("eventId"), errorFields(wrongEvent));
        assertProblem(422, author.patch("/api/v1/polls/" + stranger.getString("id"), "{\"eventId\": \"" + id + "\"}"));
    }

    @Test
    void eventsAreListedAndChangedAsPollsAre() {
        JsonObject event = createEvent(author, "Engineering sync", "engineering");
        String id = event.getString("id");
        Api engineer = Api.as(Voters.freshEngineer());
        Api salesperson = Api.as(Voters.freshSalesperson());
        assertTrue(ids(engineer.get("/api/v1/events?status=LIVE&size=100")).contains(id));
        assertTrue(!ids(salesperson.get("/api/v1/events?size=100")).contains(id));
        assertProblem(403, salesperson.get("/api/v1/events/" + id));
        assertProblem(400, engineer.get("/api/v1/events?status=SOMETIMES"));

        Api.Reply read = author.get("/api/v1/events/" + id);
        String etag = read.header("ETag");
        Api.Reply changed = author.with("If-Match", etag)
                .patch("/api/v1/events/" + id, "{\"title\": \"Engineering sync, week 49\"}");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("Engineering sync, week 49", changed.string("title"));
        assertProblem(412, author.with("If-Match", etag).patch("/api/v1/events/" + id, "{\"title\": \"Stale\"}"));
        assertProblem(403, engineer.patch("/api/v1/events/" + id, "{\"title\": \"Mine now\"}"));

        assertEquals(204, author.delete("/api/v1/events/" + id).status());
        assertProblem(404, author.get("/api/v1/events/" + id));
    }

    @Test
    void theStreamFollowsThePresenterTheQuestionsAndTheActivePollsResults() throws Exception {
        JsonObject event = createEvent(author, "Streamed all-hands");
        String id = event.getString("id");
        JsonObject poll =
                TestPolls.create(author, TestPolls.singleChoice("Lunch?").add("eventId", id));
        String voter = Voters.fresh();
        try (EventStream stream = EventStream.open(Api.itServer(), voter, id)) {
            assertEquals(200, stream.status());
            JsonObject state = stream.await("event", any -> true, FOLLOWS_WITHIN);
            assertNotNull(state, "the state at once");
            assertEquals(id, state.getJsonObject("event").getString("id"));

            author.post("/api/v1/events/" + id + "/present", "{\"pollId\": \"" + poll.getString("id") + "\"}");
            JsonObject active = stream.await(
                    "active-poll",
                    data -> poll.getString("id").equals(data.getString("activePollId", null)),
                    FOLLOWS_WITHIN);
            assertNotNull(active, "the presenter's choice follows within a few seconds");

            Api asker = Api.as(Voters.fresh());
            String questionId = asker.post(
                            "/api/v1/events/" + id + "/questions", "{\"text\": \"When is the offsite?\"}")
                    .string("id");
            assertNotNull(stream.await(
                    "question",
                    data -> data.getString("id").equals(questionId) && "VISIBLE".equals(data.getString("status")),
                    FOLLOWS_WITHIN));
            author.post("/api/v1/events/" + id + "/questions/" + questionId + "/hide");
            JsonObject gone = stream.await(
                    "question",
                    data -> data.getString("id").equals(questionId) && "HIDDEN".equals(data.getString("status")),
                    FOLLOWS_WITHIN);
            assertNotNull(gone, "a hidden question leaves the voter's page");
            assertTrue(!gone.containsKey("text") || gone.isNull("text"), gone::toString);

            Votes.vote(Api.as(Voters.fresh()), poll.getString("id"), Votes.optionIds(poll)[0]);
            assertNotNull(stream.await(
                    "results", data -> data.getJsonNumber("totalBallots").longValue() >= 1, Duration.ofSeconds(10)));

            author.post("/api/v1/events/" + id + "/present", "{\"pollId\": null}");
            assertNotNull(
                    stream.await("active-poll", data -> data.get("activePollId") == JsonValue.NULL, FOLLOWS_WITHIN));
        }
    }

    /** A named quiz of the event, opened: its first option is the right one, no time limit (1000 points). */
    private JsonObject quizIn(String eventId, String title) {
        return TestPolls.create(
                author,
                Json.createObjectBuilder()
                        .add("title", title)
                        .add("type", "QUIZ")
                        .add("open", true)
                        .add("eventId", eventId)
                        .add(
                                "options",
                                Json.createArrayBuilder()
                                        .add(Json.createObjectBuilder()
                                                .add("label", "Right")
                                                .add("correct", true))
                                        .add(Json.createObjectBuilder()
                                                .add("label", "Wrong")
                                                .add("correct", false))));
    }

    @Test
    void theEventsLeaderboardSumsItsClosedQuizzes() {
        String id = createEvent(author, "Quiz night").getString("id");
        JsonObject first = quizIn(id, "First question");
        JsonObject second = quizIn(id, "Second question");
        String ace = Voters.fresh();
        String halfway = Voters.fresh();
        for (JsonObject quiz : List.of(first, second)) {
            assertEquals(
                    202,
                    Votes.vote(Api.as(ace), quiz.getString("id"), Votes.optionIds(quiz)[0])
                            .status());
        }
        assertEquals(
                202,
                Votes.vote(Api.as(halfway), first.getString("id"), Votes.optionIds(first)[0])
                        .status());
        assertEquals(
                202,
                Votes.vote(Api.as(halfway), second.getString("id"), Votes.optionIds(second)[1])
                        .status());
        Votes.awaitCounted(author, first.getString("id"), 2);
        Votes.awaitCounted(author, second.getString("id"), 2);

        Api.Reply early = Api.as(ace).get("/api/v1/events/" + id + "/leaderboard");
        assertEquals(200, early.status(), early::toString);
        assertEquals(0, early.array("entries").size(), "voters see no quiz before it closes");
        author.post("/api/v1/polls/" + first.getString("id") + "/close");
        author.post("/api/v1/polls/" + second.getString("id") + "/close");

        JsonObject board =
                Api.as(halfway).get("/api/v1/events/" + id + "/leaderboard").json();
        JsonObject top = board.getJsonArray("entries").getJsonObject(0);
        assertEquals(ace, top.getString("name"));
        assertEquals(2000, top.getInt("points"));
        assertEquals(1, top.getInt("rank"));
        assertEquals(1000, board.getJsonObject("mine").getInt("points"));
        assertEquals(2, board.getJsonObject("mine").getInt("rank"));
    }

    private static List<String> ids(Api.Reply page) {
        assertEquals(200, page.status(), page::toString);
        return page.array("items").stream()
                .map(item -> item.asJsonObject().getString("id"))
                .toList();
    }
}
