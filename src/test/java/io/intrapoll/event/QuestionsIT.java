package io.intrapoll.event;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.ProblemAssertions.errorFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Audience questions (API.md, "Events"): asking, anonymity, one upvote per person, sorting, moderation, the rate. */
class QuestionsIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    private static Api.Reply ask(Api who, String eventId, String text, boolean anonymous) {
        return who.post(
                "/api/v1/events/" + eventId + "/questions",
                Json.createObjectBuilder()
                        .add("text", text)
                        .add("anonymous", anonymous)
                        .build()
                        .toString());
    }

    private static JsonObject asked(Api who, String eventId, String text, boolean anonymous) {
        Api.Reply reply = ask(who, eventId, text, anonymous);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private static List<JsonObject> questions(Api who, String eventId, String sort) {
        Api.Reply reply = who.get("/api/v1/events/" + eventId + "/questions?sort=" + sort);
        assertEquals(200, reply.status(), reply::toString);
        return reply.array("items").stream().map(JsonValue::asJsonObject).toList();
    }

    private static JsonObject find(List<JsonObject> questions, String id) {
        return questions.stream()
                .filter(q -> q.getString("id").equals(id))
                .findFirst()
                .orElse(null);
    }

    private String event(boolean moderated, boolean anonymousQuestions) {
        Api.Reply created = author.post(
                "/api/v1/events",
                Json.createObjectBuilder()
                        .add("title", "Q&A " + TestPolls.uniqueWord())
                        .add(
                                "qa",
                                Json.createObjectBuilder()
                                        .add("enabled", true)
                                        .add("moderated", moderated)
                                        .add("anonymousQuestions", anonymousQuestions))
                        .build()
                        .toString());
        assertEquals(201, created.status(), created::toString);
        return created.string("id");
    }

    @Test
    void aNamedQuestionShowsItsAskerToEveryone() {
        String event = event(false, true);
        String asker = Voters.fresh();
        JsonObject question = asked(Api.as(asker), event, "  Will there be a Q1 bonus?  ", false);
        assertEquals("Will there be a Q1 bonus?", question.getString("text"), "trimmed");
        assertEquals(asker, question.getString("author"));
        assertEquals("VISIBLE", question.getString("status"));
        assertTrue(question.getBoolean("mine"));
        assertEquals(0, question.getInt("upvotes"));

        JsonObject seen = find(questions(Api.as(Voters.fresh()), event, "top"), question.getString("id"));
        assertEquals(asker, seen.getString("author"));
        assertFalse(seen.getBoolean("mine"));
        assertTrue(find(questions(Api.as(asker), event, "recent"), question.getString("id"))
                .getBoolean("mine"));
    }

    @Test
    void anAnonymousQuestionStoresNoLinkToItsAsker() throws Exception {
        String event = event(false, true);
        String asker = Voters.fresh();
        String text = "Why did the canteen close? " + TestPolls.uniqueWord();
        JsonObject question = asked(Api.as(asker), event, text, true);
        String id = question.getString("id");
        assertEquals(JsonValue.NULL, question.get("author"));
        assertTrue(question.getBoolean("mine"), "the answer to asking says so");

        List<List<String>> row = TestDatabase.rows("SELECT author FROM question WHERE id = ?", id);
        assertEquals(1, row.size());
        assertEquals(null, row.get(0).get(0), "no author in the row");
        assertEquals(List.of(), TestDatabase.rows("SELECT voter FROM question_upvote WHERE question_id = ?", id));
        assertEquals(
                List.of(),
                TestDatabase.rows(
                        "SELECT actor FROM audit_entry WHERE target = ? OR detail LIKE ?", id, "%" + text + "%"));
        Path log = Path.of(
                System.getProperty("wlp.home", "target/liberty/wlp"), "usr/servers/intrapoll-it/logs/messages.log");
        if (Files.exists(log)) {
            String logged = Files.readString(log);
            assertFalse(
                    logged.contains(id) || logged.contains(text), "the log names neither the question nor its text");
        }
        // Later reads cannot know it is the asker's: nothing stored says so.
        JsonObject later = find(questions(Api.as(asker), event, "top"), id);
        assertEquals(JsonValue.NULL, later.get("author"));
        assertFalse(later.getBoolean("mine"));

        // One upvote per person still holds, the asker's included.
        assertEquals(
                204,
                Api.as(asker)
                        .send("PUT", "/api/v1/events/" + event + "/questions/" + id + "/upvote", null, null)
                        .status());
        assertEquals(
                204,
                Api.as(asker)
                        .send("PUT", "/api/v1/events/" + event + "/questions/" + id + "/upvote", null, null)
                        .status());
        assertEquals(1, find(questions(author, event, "top"), id).getInt("upvotes"));
    }

    @Test
    void oneUpvotePerPersonUnderConcurrencyAndWithdrawable() throws Exception {
        String event = event(false, true);
        String id = asked(Api.as(Voters.fresh()), event, "Can we keep remote Fridays?", false)
                .getString("id");
        String path = "/api/v1/events/" + event + "/questions/" + id + "/upvote";
        String eager = Voters.fresh();
        List<String> others = Voters.fresh(9);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> upvotes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                upvotes.add(() -> Api.as(eager).send("PUT", path, null, null).status());
            }
            for (String other : others) {
                upvotes.add(() -> Api.as(other).send("PUT", path, null, null).status());
            }
            for (Future<Integer> status : threads.invokeAll(upvotes)) {
                assertEquals(204, status.get());
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(10, find(questions(author, event, "top"), id).getInt("upvotes"));
        assertEquals(
                List.of(List.of("1")),
                TestDatabase.rows(
                        "SELECT COUNT(*) FROM question_upvote WHERE question_id = ? AND voter = ?", id, eager));
        JsonObject mine = find(questions(Api.as(eager), event, "top"), id);
        assertTrue(mine.getBoolean("upvotedByMe"));

        assertEquals(204, Api.as(eager).delete(path).status());
        assertEquals(204, Api.as(eager).delete(path).status(), "withdrawing twice changes nothing");
        JsonObject after = find(questions(Api.as(eager), event, "top"), id);
        assertEquals(9, after.getInt("upvotes"));
        assertFalse(after.getBoolean("upvotedByMe"));
        assertProblem(404, Api.as(eager).send("PUT", "/api/v1/events/" + event + "/questions/nope/upvote", null, null));
    }

    @Test
    void topSortsByUpvotesThenAgeAndRecentByAge() {
        String event = event(false, true);
        String older =
                asked(Api.as(Voters.fresh()), event, "Older question", false).getString("id");
        String newer =
                asked(Api.as(Voters.fresh()), event, "Newer question", false).getString("id");
        String popular =
                asked(Api.as(Voters.fresh()), event, "Popular question", false).getString("id");
        for (String voter : Voters.fresh(2)) {
            Api.as(voter).send("PUT", "/api/v1/events/" + event + "/questions/" + popular + "/upvote", null, null);
        }
        assertEquals(
                List.of(popular, older, newer),
                questions(author, event, "top").stream()
                        .map(q -> q.getString("id"))
                        .toList());
        assertEquals(
                List.of(popular, newer, older),
                questions(author, event, "recent").stream()
                        .map(q -> q.getString("id"))
                        .toList());
        assertProblem(400, author.get("/api/v1/events/" + event + "/questions?sort=loudest"));
    }

    @Test
    void aModeratedEventShowsQuestionsOnceApprovedAndHidesThemFromEveryone() throws Exception {
        String event = event(true, true);
        String asker = Voters.fresh();
        Api voter = Api.as(Voters.fresh());
        JsonObject pending = asked(Api.as(asker), event, "Is the merger happening?", false);
        String id = pending.getString("id");
        assertEquals("PENDING", pending.getString("status"));
        assertEquals(null, find(questions(voter, event, "top"), id), "others do not see it yet");
        assertEquals("PENDING", find(questions(Api.as(asker), event, "top"), id).getString("status"), "its asker does");
        assertEquals("PENDING", find(questions(author, event, "top"), id).getString("status"), "the moderator does");
        assertProblem(404, voter.send("PUT", "/api/v1/events/" + event + "/questions/" + id + "/upvote", null, null));
        assertProblem(403, voter.post("/api/v1/events/" + event + "/questions/" + id + "/approve"));

        assertEquals(
                "VISIBLE",
                author.post("/api/v1/events/" + event + "/questions/" + id + "/approve")
                        .string("status"));
        assertEquals("VISIBLE", find(questions(voter, event, "top"), id).getString("status"));
        assertTrue(author.post("/api/v1/events/" + event + "/questions/" + id + "/answer")
                .json()
                .getBoolean("answered"));

        String other =
                asked(Api.as(Voters.fresh()), event, "And the parking?", false).getString("id");
        assertProblem(
                409, "question-not-visible", author.post("/api/v1/events/" + event + "/questions/" + other + "/pin"));
        author.post("/api/v1/events/" + event + "/questions/" + other + "/approve");
        assertTrue(author.post("/api/v1/events/" + event + "/questions/" + id + "/pin")
                .json()
                .getBoolean("pinned"));
        assertTrue(author.post("/api/v1/events/" + event + "/questions/" + other + "/pin")
                .json()
                .getBoolean("pinned"));
        assertFalse(find(questions(author, event, "top"), id).getBoolean("pinned"), "one pinned question at a time");
        assertFalse(author.delete("/api/v1/events/" + event + "/questions/" + other + "/pin")
                .json()
                .getBoolean("pinned"));

        assertEquals(
                "HIDDEN",
                author.post("/api/v1/events/" + event + "/questions/" + id + "/hide")
                        .string("status"));
        assertEquals(null, find(questions(voter, event, "top"), id));
        assertEquals(null, find(questions(Api.as(asker), event, "top"), id), "hidden from its asker too");
        assertEquals("HIDDEN", find(questions(author, event, "top"), id).getString("status"));
        assertEquals(
                List.of(List.of("author", "hidden")),
                TestDatabase.rows(
                        "SELECT actor, detail FROM audit_entry WHERE target = ? AND action = 'question.moderated'"
                                + " AND detail = 'hidden'",
                        id));
    }

    @Test
    void aPersonAsksAtMostFiveQuestionsAMinute() {
        String event = event(false, true);
        Api asker = Api.as(Voters.fresh());
        for (int i = 1; i <= 5; i++) {
            asked(asker, event, "Question number " + i, i % 2 == 0);
        }
        Api.Reply sixth = ask(asker, event, "Question number 6", false);
        assertProblem(429, sixth);
        assertTrue(Integer.parseInt(sixth.header("Retry-After")) >= 1);
        assertEquals(
                201, ask(Api.as(Voters.fresh()), event, "Someone else's", false).status());
    }

    @Test
    void badQuestionsAreClearProblems() {
        String event = event(false, false);
        Api voter = Api.as(Voters.fresh());
        assertEquals(Set.of("text"), errorFields(assertProblem(422, ask(voter, event, "   ", false))));
        assertEquals(Set.of("text"), errorFields(assertProblem(422, ask(voter, event, "x".repeat(501), false))));
        assertEquals(Set.of("text"), errorFields(assertProblem(422, ask(voter, event, "bell\u0007", false))));
        assertEquals(Set.of("anonymous"), errorFields(assertProblem(422, ask(voter, event, "Who am I?", true))));
        assertProblem(400, voter.post("/api/v1/events/" + event + "/questions", "{\"text\": 5"));
        assertProblem(404, voter.post("/api/v1/events/no-such-event/questions", "{\"text\": \"Hello?\"}"));
        assertEquals(201, ask(voter, event, "x".repeat(500), false).status());

        Api.Reply quiet = author.post("/api/v1/events", "{\"title\": \"No Q&A\", \"qa\": {\"enabled\": false}}");
        assertProblem(409, "qa-disabled", ask(voter, quiet.string("id"), "Anyone?", false));
    }
}
