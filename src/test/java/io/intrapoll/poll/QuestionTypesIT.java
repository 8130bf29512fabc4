package io.intrapoll.poll;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.ProblemAssertions.errorFields;
import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * RATING, NPS, OPEN_TEXT and QUIZ through the API and the durable pipeline (API.md, "More question types"): what
 * each takes, what it refuses, its results, CSV, moderation and the leaderboard.
 */
class QuestionTypesIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    private static Api.Reply rate(Api voter, String pollId, int rating) {
        return voter.post("/api/v1/polls/" + pollId + "/votes", "{\"rating\": " + rating + "}");
    }

    private static Api.Reply answer(Api voter, String pollId, String text) {
        return voter.post(
                "/api/v1/polls/" + pollId + "/votes",
                Json.createObjectBuilder().add("text", text).build().toString());
    }

    private JsonObject open(JsonObjectBuilder poll) {
        return create(author, poll.add("open", true));
    }

    private static JsonObjectBuilder typed(String title, String type) {
        return Json.createObjectBuilder().add("title", title).add("type", type);
    }

    private static Map<Integer, Long> distribution(JsonObject results) {
        return results.getJsonArray("distribution").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(
                        value -> value.getInt("value"),
                        value -> value.getJsonNumber("votes").longValue()));
    }

    private static Map<String, Integer> words(JsonObject results) {
        Map<String, Integer> words = new HashMap<>();
        results.getJsonArray("words").stream()
                .map(JsonValue::asJsonObject)
                .forEach(word -> words.put(word.getString("word"), word.getInt("count")));
        return words;
    }

    @Test
    void aRatingPollCountsADistributionWithMeanAndMedian() {
        JsonObject poll = open(typed("How was the offsite?", "RATING")
                .add("scale", Json.createObjectBuilder().add("min", 1).add("max", 5))
                .add(
                        "scaleLabels",
                        Json.createObjectBuilder().add("min", "Poor").add("max", "Great")));
        String id = poll.getString("id");
        assertEquals(Json.createObjectBuilder().add("min", 1).add("max", 5).build(), poll.getJsonObject("scale"));
        assertEquals("Great", poll.getJsonObject("scaleLabels").getString("max"));
        assertTrue(poll.getJsonArray("options").isEmpty());
        assertFalse(poll.getBoolean("anonymous"));
        assertEquals("LIVE", poll.getString("resultsVisibility"));

        int[] ratings = {5, 4, 4, 2};
        for (int rating : ratings) {
            Api.Reply accepted = rate(Api.as(Voters.fresh()), id, rating);
            assertEquals(202, accepted.status(), accepted::toString);
        }
        JsonObject results = awaitCounted(author, id, 4);
        assertEquals(Map.of(1, 0L, 2, 1L, 3, 0L, 4, 2L, 5, 1L), distribution(results));
        assertEquals(3.75, results.getJsonNumber("mean").doubleValue());
        assertEquals(4.0, results.getJsonNumber("median").doubleValue());
        assertEquals(
                50.0,
                results.getJsonArray("distribution")
                        .getJsonObject(3)
                        .getJsonNumber("percent")
                        .doubleValue());
        assertFalse(results.containsKey("nps"));

        Api voter = Api.as(Voters.fresh());
        assertEquals(Set.of("rating"), errorFields(assertProblem(422, rate(voter, id, 6))));
        assertEquals(Set.of("rating"), errorFields(assertProblem(422, rate(voter, id, 0))));
        assertEquals(Set.of("optionIds", "rating"), errorFields(assertProblem(422, vote(voter, id, "1"))));
        assertEquals(
                Set.of("text"),
                errorFields(assertProblem(
                        422, voter.post("/api/v1/polls/" + id + "/votes", "{\"rating\": 3, \"text\": \"hi\"}"))));
        assertProblem(400, voter.post("/api/v1/polls/" + id + "/votes", "{\"rating\": 3.5}"));

        Api.Reply mine = Api.as(Voters.fresh()).get("/api/v1/polls/" + id + "/votes/mine");
        assertEquals(404, mine.status());
        Api rater = Api.as(Voters.fresh());
        assertEquals(202, rate(rater, id, 3).status());
        assertEquals(3, rater.get("/api/v1/polls/" + id + "/votes/mine").json().getInt("rating"));
        assertProblem(409, "already-voted", rate(rater, id, 4));
        assertEquals(
                Set.of("rating"), errorFields(assertProblem(422, rate(rater, id, 9))), "content before one-per-person");

        String csv = author.get("/api/v1/polls/" + id + "/results.csv").body();
        assertTrue(csv.startsWith("value,votes,percent\r\n1,0,0.0\r\n"), csv);
    }

    @Test
    void npsSplitsPromotersPassivesAndDetractorsInAnAnonymousPoll() {
        JsonObject poll = open(typed("Would you recommend working here?", "NPS").add("anonymous", true));
        String id = poll.getString("id");
        assertEquals(10, poll.getJsonObject("scale").getInt("max"));
        int[] ratings = {10, 9, 9, 8, 3, 0};
        for (int rating : ratings) {
            assertEquals(202, rate(Api.as(Voters.fresh()), id, rating).status());
        }
        JsonObject results = awaitCounted(author, id, 6);
        awaitNpsOf(id, 6);
        results = author.get("/api/v1/polls/" + id + "/results").json();
        JsonObject nps = results.getJsonObject("nps");
        assertEquals(3, nps.getInt("promoters"));
        assertEquals(1, nps.getInt("passives"));
        assertEquals(2, nps.getInt("detractors"));
        assertEquals(17, nps.getInt("score")); // 50 % - 33.3 % = 16.7
        assertEquals(11, results.getJsonArray("distribution").size());
        assertEquals(8.5, results.getJsonNumber("median").doubleValue());
        assertProblem(422, rate(Api.as(Voters.fresh()), id, 11));
        assertProblem(
                422,
                author.post(
                        "/api/v1/polls",
                        typed("NPS with a scale", "NPS")
                                .add(
                                        "scale",
                                        Json.createObjectBuilder().add("min", 1).add("max", 5))
                                .build()
                                .toString()));
    }

    /** An anonymous poll's choices are counted apart from its participation, up to seconds later. */
    private void awaitNpsOf(String id, int ratings) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonObject results = author.get("/api/v1/polls/" + id + "/results").json();
            long counted = distribution(results).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            if (counted == ratings) {
                return;
            }
            io.intrapoll.support.Votes.sleep(100);
        }
        throw new AssertionError("the anonymous ratings were not all counted");
    }

    @Test
    void openTextCountsWordsAndModerationTakesThemOutAndBack() {
        JsonObject poll = open(typed("One thing we should change?", "OPEN_TEXT").add("maxLength", 40));
        String id = poll.getString("id");
        assertEquals("en", poll.getString("language"));
        assertEquals(
                202,
                answer(Api.as(Voters.fresh()), id, "More coffee in the kitchen").status());
        assertEquals(
                202,
                answer(Api.as(Voters.fresh()), id, "  COFFEE, coffee and tea  ").status());
        assertEquals(202, answer(Api.as(Voters.fresh()), id, "Fewer meetings").status());
        assertEquals(202, answer(Api.as(Voters.fresh()), id, "zonk the coffee").status()); // a blocked word: held
        JsonObject results = awaitCounted(author, id, 4);
        assertEquals(Map.of("coffee", 2, "kitchen", 1, "tea", 1, "fewer", 1, "meetings", 1), words(results));
        assertEquals("coffee", results.getJsonArray("words").getJsonObject(0).getString("word"));

        Api voter = Api.as(Voters.fresh());
        assertEquals(Set.of("text"), errorFields(assertProblem(422, answer(voter, id, "x".repeat(41)))));
        assertEquals(Set.of("text"), errorFields(assertProblem(422, answer(voter, id, "   "))));
        assertEquals(
                Set.of("text"), errorFields(assertProblem(422, voter.post("/api/v1/polls/" + id + "/votes", "{}"))));
        assertEquals(
                Set.of("optionIds"),
                errorFields(assertProblem(
                        422,
                        voter.post("/api/v1/polls/" + id + "/votes", "{\"text\": \"ok\", \"optionIds\": [\"a\"]}"))));

        JsonObject all =
                author.get("/api/v1/polls/" + id + "/responses?size=10").json();
        assertEquals(4, all.getInt("total"));
        JsonObject held = all.getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(response -> response.getString("text").equals("zonk the coffee"))
                .findFirst()
                .orElseThrow();
        assertTrue(held.getBoolean("held"));
        JsonObject forVoters = voter.get("/api/v1/polls/" + id + "/responses").json();
        assertEquals(3, forVoters.getInt("total"), "voters see the visible answers");
        assertFalse(forVoters.getJsonArray("items").getJsonObject(0).containsKey("hidden"));
        assertTrue(forVoters.getJsonArray("items").stream()
                .noneMatch(response -> response.asJsonObject().getString("text").contains("zonk")));

        JsonObject coffee = all.getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(response -> response.getString("text").startsWith("COFFEE"))
                .findFirst()
                .orElseThrow();
        assertEquals("COFFEE, coffee and tea", coffee.getString("text"), "kept as written, trimmed");
        String base = "/api/v1/polls/" + id + "/responses/";
        assertProblem(403, voter.post(base + coffee.getString("id") + "/hide"));
        Api.Reply hidden = author.post(base + coffee.getString("id") + "/hide");
        assertEquals(200, hidden.status(), hidden::toString);
        assertTrue(hidden.json().getBoolean("hidden"));
        assertEquals(200, author.post(base + coffee.getString("id") + "/hide").status(), "hiding twice: no change");
        assertEquals(Map.of("coffee", 1, "kitchen", 1, "fewer", 1, "meetings", 1), awaitWords(id, 4));

        assertEquals(200, author.post(base + held.getString("id") + "/show").status());
        assertEquals(200, author.post(base + coffee.getString("id") + "/show").status());
        assertEquals(
                Map.of("coffee", 3, "kitchen", 1, "tea", 1, "fewer", 1, "meetings", 1, "zonk", 1), awaitWords(id, 6));
        assertEquals(4, author.get("/api/v1/polls/" + id + "/results").json().getInt("totalBallots"));
        assertProblem(404, author.post(base + "no-such-answer/hide"));

        String csv = author.get("/api/v1/polls/" + id + "/results.csv").body();
        assertTrue(csv.startsWith("word,count\r\n\"coffee\",3\r\n"), csv);

        Api.Reply rebuilt = Api.as("admin").post("/api/v1/admin/tallies/rebuild");
        assertEquals(200, rebuilt.status(), rebuilt::toString);
        assertEquals(
                words(author.get("/api/v1/polls/" + id + "/results").json()),
                awaitWords(id, 6),
                "a rebuild counts the same words");
    }

    private Map<String, Integer> awaitWords(String id, int distinct) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Map<String, Integer> words = Map.of();
        while (Instant.now().isBefore(deadline)) {
            words = words(author.get("/api/v1/polls/" + id + "/results").json());
            if (words.size() == distinct) {
                return words;
            }
            io.intrapoll.support.Votes.sleep(100);
        }
        return words;
    }

    @Test
    void aQuizHidesItsAnswersUntilCloseScoresBySpeedAndRanksTheFastest() {
        JsonObject quiz = open(typed("Capital of Portugal?", "QUIZ")
                .add("timeLimitSeconds", 60)
                .add(
                        "options",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("label", "Lisbon")
                                        .add("correct", true))
                                .add(Json.createObjectBuilder()
                                        .add("label", "Porto")
                                        .add("correct", false))
                                .add(Json.createObjectBuilder()
                                        .add("label", "Faro")
                                        .add("correct", false))));
        String id = quiz.getString("id");
        String[] options = optionIds(quiz);
        assertTrue(quiz.getJsonArray("options").getJsonObject(0).getBoolean("correct"), "the author sees them");
        assertEquals(1, quiz.getInt("maxChoices"));

        String first = Voters.fresh();
        String second = Voters.fresh();
        String wrong = Voters.fresh();
        Api voter = Api.as(first);
        JsonArray seen = voter.get("/api/v1/polls/" + id).json().getJsonArray("options");
        assertTrue(seen.stream().noneMatch(option -> option.asJsonObject().containsKey("correct")), seen::toString);
        JsonObject listed = voter.get("/api/v1/polls?size=100").json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(poll -> poll.getString("id").equals(id))
                .findFirst()
                .orElseThrow();
        assertFalse(listed.toString().contains("\"correct\""), "nor in the list: " + listed);

        assertEquals(202, vote(voter, id, options[0]).status());
        io.intrapoll.support.Votes.sleep(1_200);
        assertEquals(202, vote(Api.as(second), id, options[0]).status());
        assertEquals(202, vote(Api.as(wrong), id, options[1]).status());
        assertProblem(422, vote(Api.as(Voters.fresh()), id, options[0], options[1]));
        awaitCounted(author, id, 3);
        assertNull(voter.get("/api/v1/polls/" + id + "/results").json().get("correctOptionIds"));
        assertProblem(403, voter.get("/api/v1/polls/" + id + "/leaderboard"));

        JsonObject live = author.get("/api/v1/polls/" + id + "/leaderboard").json();
        assertEquals(3, live.getJsonArray("entries").size(), live::toString);
        assertEquals(200, author.post("/api/v1/polls/" + id + "/close").status());

        JsonObject board = voter.get("/api/v1/polls/" + id + "/leaderboard").json();
        List<JsonObject> entries = board.getJsonArray("entries").stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertEquals(first, entries.get(0).getString("name"));
        assertEquals(1, entries.get(0).getInt("rank"));
        assertEquals(second, entries.get(1).getString("name"));
        assertEquals(2, entries.get(1).getInt("rank"));
        int firstPoints = entries.get(0).getInt("points");
        int secondPoints = entries.get(1).getInt("points");
        assertTrue(firstPoints > secondPoints && secondPoints >= 500 && firstPoints <= 1000, board::toString);
        assertEquals(0, entries.get(2).getInt("points"));
        assertEquals(3, entries.get(2).getInt("rank"));
        assertEquals(1, board.getJsonObject("mine").getInt("rank"));
        assertFalse(Api.as(Voters.fresh())
                .get("/api/v1/polls/" + id + "/leaderboard")
                .json()
                .containsKey("mine"));

        JsonObject results = voter.get("/api/v1/polls/" + id + "/results").json();
        assertEquals(
                List.of(options[0]),
                results.getJsonArray("correctOptionIds").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList());
        assertTrue(
                voter.get("/api/v1/polls/" + id)
                        .json()
                        .getJsonArray("options")
                        .getJsonObject(0)
                        .getBoolean("correct"),
                "closed: everyone sees the answer");
        assertTrue(author.get("/api/v1/polls/" + id + "/results.csv")
                .body()
                .startsWith("option_id,label,votes,percent,correct\r\n"));
        assertProblem(
                404,
                author.get("/api/v1/polls/"
                        + create(author, io.intrapoll.support.TestPolls.singleChoice("Not a quiz"))
                                .getString("id") + "/leaderboard"));
    }

    @Test
    void aQuizRefusesBallotsAfterItsTimeLimit() throws Exception {
        JsonObject quiz = open(typed("Quick!", "QUIZ")
                .add("timeLimitSeconds", 5)
                .add("anonymous", true)
                .add(
                        "options",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("label", "Yes")
                                        .add("correct", true))
                                .add(Json.createObjectBuilder()
                                        .add("label", "No")
                                        .add("correct", false))));
        String id = quiz.getString("id");
        String fast = Voters.fresh();
        Api.Reply inTime = vote(Api.as(fast).with("Idempotency-Key", "quick-1"), id, optionIds(quiz)[0]);
        assertEquals(202, inTime.status());
        Thread.sleep(5_500);
        assertProblem(409, "time-up", vote(Api.as(Voters.fresh()), id, optionIds(quiz)[0]));
        Api.Reply retried = vote(Api.as(fast).with("Idempotency-Key", "quick-1"), id, optionIds(quiz)[0]);
        assertEquals(202, retried.status(), "a retry of a ballot accepted in time gets its receipt: " + retried);
        assertEquals(inTime.string("receiptId"), retried.string("receiptId"));
        assertProblem(409, "time-up", vote(Api.as(fast).with("Idempotency-Key", "quick-2"), id, optionIds(quiz)[1]));
        awaitCounted(author, id, 1);
        assertEquals(200, author.post("/api/v1/polls/" + id + "/close").status());
        JsonObject board =
                Api.as(fast).get("/api/v1/polls/" + id + "/leaderboard").json();
        String name = board.getJsonArray("entries").getJsonObject(0).getString("name");
        assertTrue(name.matches("Player \\d{4}"), "an anonymous quiz shows aliases: " + name);
        assertEquals(1, board.getJsonObject("mine").getInt("rank"));
        assertEquals(
                name,
                Api.as(fast)
                        .get("/api/v1/polls/" + id + "/leaderboard")
                        .json()
                        .getJsonArray("entries")
                        .getJsonObject(0)
                        .getString("name"),
                "the same alias in every read");
        assertProblem(409, "quiz-closed", author.post("/api/v1/polls/" + id + "/open"));
    }

    @Test
    void aChangedVoteWithTheSameAnswerStaysHiddenAndAnotherIsShown() {
        JsonObject poll = open(typed("Snack wishes", "OPEN_TEXT").add("allowVoteChange", true));
        String id = poll.getString("id");
        Api voter = Api.as(Voters.fresh());
        assertEquals(202, answer(voter, id, "Bananas").status());
        awaitCounted(author, id, 1);
        String responseId = author.get("/api/v1/polls/" + id + "/responses")
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        assertEquals(
                200,
                author.post("/api/v1/polls/" + id + "/responses/" + responseId + "/hide")
                        .status());
        assertEquals(Map.of(), awaitWords(id, 0));

        assertEquals(202, answer(voter, id, "bananas").status());
        awaitAnswer(id, "bananas");
        assertEquals(
                Map.of(), words(author.get("/api/v1/polls/" + id + "/results").json()), "still hidden");
        assertTrue(author.get("/api/v1/polls/" + id + "/responses")
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getBoolean("hidden"));

        assertEquals(202, answer(voter, id, "Apples").status());
        assertEquals(Map.of("apples", 1), awaitWords(id, 1));
        assertEquals(1, author.get("/api/v1/polls/" + id + "/results").json().getInt("totalBallots"));
        assertEquals(Set.of("text"), errorFields(assertProblem(422, answer(Api.as(Voters.fresh()), id, "nul\u0000"))));
    }

    /** Waits until the poll's one counted answer is this text (a change of vote was counted). */
    private void awaitAnswer(String id, String text) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            JsonArray items =
                    author.get("/api/v1/polls/" + id + "/responses").json().getJsonArray("items");
            if (items.size() == 1 && items.getJsonObject(0).getString("text").equals(text)) {
                return;
            }
            io.intrapoll.support.Votes.sleep(100);
        }
        throw new AssertionError("the changed answer was not counted");
    }

    @Test
    void eachTypeRefusesTheFieldsItDoesNotTake() {
        assertEquals(
                Set.of("options"),
                errorFields(assertProblem(
                        422,
                        author.post(
                                "/api/v1/polls",
                                typed("t", "OPEN_TEXT")
                                        .add(
                                                "options",
                                                Json.createArrayBuilder()
                                                        .add("a")
                                                        .add("b"))
                                        .build()
                                        .toString()))));
        assertEquals(
                Set.of("timeLimitSeconds", "scale"),
                errorFields(assertProblem(
                        422,
                        author.post(
                                "/api/v1/polls",
                                typed("t", "SINGLE")
                                        .add(
                                                "options",
                                                Json.createArrayBuilder()
                                                        .add("a")
                                                        .add("b"))
                                        .add("timeLimitSeconds", 30)
                                        .add(
                                                "scale",
                                                Json.createObjectBuilder()
                                                        .add("min", 1)
                                                        .add("max", 5))
                                        .build()
                                        .toString()))));
        assertProblem(
                400, author.post("/api/v1/polls", "{\"title\": \"t\", \"type\": \"OPEN_TEXT\", \"maxLength\": \"x\"}"));
    }
}
