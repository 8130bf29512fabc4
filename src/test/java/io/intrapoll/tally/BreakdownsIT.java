package io.intrapoll.tally;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.ProblemAssertions.errorFields;
import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Breakdowns that protect small groups (API.md; issue 20 point 3), on the demo registry (voter1 to voter500 in
 * engineering, the rest in sales, all in employees). Each counted ballot keeps the breakdown groups its voter was in;
 * a closed poll's results per group withhold a group of fewer than 5 ballots, and the next smallest when the total
 * and the others would reveal it.
 */
class BreakdownsIT extends AgainstTheServer {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final Api author = Api.as("author");

    @Test
    void aGroupOfThreeIsWithheldAndTheTotalMinusTheOthersCannotRevealIt() {
        JsonObject poll = openPoll(singleChoice("Breakdown, three in sales"), List.of("engineering", "sales"), false);
        String id = poll.getString("id");
        String[] options = Votes.optionIds(poll);
        List<String> engineers = engineers(10);
        List<String> salespeople = salespeople(3);
        vote(engineers.subList(0, 7), id, options[0]);
        vote(engineers.subList(7, 10), id, options[1]);
        vote(salespeople, id, options[1]);
        Votes.awaitCounted(author, id, 13);
        assertProblem(409, "poll-not-closed", author.get(breakdownOf(id)));

        JsonObject results = Votes.closeAndAwaitFinal(author, id, 13);
        JsonObject closed = author.get("/api/v1/polls/" + id).json();
        assertFalse(closed.containsKey("breakdownShownAt"), "not shown yet");
        JsonObject breakdown = breakdown(id);
        assertEquals(13, breakdown.getInt("totalBallots"));
        assertEquals(5, breakdown.getInt("minGroupSize"));
        Map<String, JsonObject> groups = byName(breakdown);
        assertEquals(Set.of("engineering", "sales"), groups.keySet());
        assertWithheld(groups.get("sales"));
        // Published, engineering's 7 + 3 with the results' 7 + 6 would give sales' 0 + 3 away.
        assertWithheld(groups.get("engineering"));
        assertEquals(Map.of(options[0], 7L, options[1], 6L), Votes.votesPerOption(results));

        // Shown once, then fixed: a second close could show, group by group, how the few since voted.
        JsonObject shown = author.get("/api/v1/polls/" + id).json();
        assertTrue(shown.containsKey("breakdownShownAt"), () -> "the poll says when: " + shown);
        assertTrue(
                shown.getJsonNumber("version").longValue()
                        > closed.getJsonNumber("version").longValue(),
                "a new version, so a copy of before is stale");
        assertProblem(409, "breakdown-shown", author.post("/api/v1/polls/" + id + "/open"));
        assertEquals(breakdown, breakdown(id));
        assertEquals(
                breakdown, author.get("/api/v1/polls/" + id + "/results/groups").json(), "the typed address");
    }

    @Test
    void aParentGroupIsShownWhileItsChildrenCouldRevealEachOther() {
        JsonObject poll = openPoll(
                singleChoice("Breakdown, employees over departments"),
                List.of("employees", "engineering", "sales"),
                false);
        String id = poll.getString("id");
        String[] options = Votes.optionIds(poll);
        vote(engineers(10), id, options[0]);
        vote(salespeople(3), id, options[1]);
        Votes.closeAndAwaitFinal(author, id, 13);

        Map<String, JsonObject> groups = byName(breakdown(id));
        JsonObject employees = groups.get("employees");
        assertFalse(employees.containsKey("suppressed"), employees::toString);
        assertEquals(13, employees.getInt("totalBallots"));
        assertEquals(Map.of(options[0], 10L, options[1], 3L), Votes.votesPerOption(employees));
        assertWithheld(groups.get("sales"));
        assertWithheld(groups.get("engineering")); // employees - engineering = sales
    }

    @Test
    void groupsLargeEnoughShowTheirTypesResults() {
        JsonObject poll = openPoll(
                Json.createObjectBuilder()
                        .add("title", "Breakdown, rating")
                        .add("type", "RATING")
                        .add("scale", Json.createObjectBuilder().add("min", 1).add("max", 5)),
                List.of("engineering", "sales"),
                false);
        String id = poll.getString("id");
        List<String> engineers = engineers(6);
        List<String> salespeople = salespeople(5);
        for (int i = 0; i < engineers.size(); i++) {
            rate(engineers.get(i), id, i < 3 ? 5 : 4); // 5, 5, 5, 4, 4, 4: mean 4.5
        }
        for (String salesperson : salespeople) {
            rate(salesperson, id, 2);
        }
        Votes.closeAndAwaitFinal(author, id, 11);

        Map<String, JsonObject> groups = byName(breakdown(id));
        JsonObject engineering = groups.get("engineering");
        assertEquals(6, engineering.getInt("totalBallots"));
        assertEquals(4.5, engineering.getJsonNumber("mean").doubleValue());
        assertEquals(Map.of(1, 0L, 2, 0L, 3, 0L, 4, 3L, 5, 3L), distribution(engineering));
        JsonObject sales = groups.get("sales");
        assertEquals(5, sales.getInt("totalBallots"));
        assertEquals(2.0, sales.getJsonNumber("median").doubleValue());
        assertEquals(Map.of(1, 0L, 2, 5L, 3, 0L, 4, 0L, 5, 0L), distribution(sales));
        assertEquals(
                100.0,
                sales.getJsonArray("distribution")
                        .getJsonObject(1)
                        .getJsonNumber("percent")
                        .doubleValue());
    }

    @Test
    void anAnonymousBallotKeepsOnlyItsVotersGroups() throws Exception {
        JsonObject poll = openPoll(singleChoice("Breakdown, anonymous"), List.of("engineering", "sales"), true);
        String id = poll.getString("id");
        String[] options = Votes.optionIds(poll);
        vote(engineers(5), id, options[0]);
        vote(salespeople(5), id, options[1]);
        Votes.closeAndAwaitFinal(author, id, 10);

        List<List<String>> rows =
                TestDatabase.rows("SELECT voter, breakdown_groups, choices FROM ballot WHERE poll_id = ?", id);
        assertEquals(10, rows.size());
        for (List<String> row : rows) {
            assertNull(row.get(0), "no voter on an anonymous ballot");
            assertEquals(row.get(2).equals(options[0]) ? "engineering" : "sales", row.get(1), row::toString);
        }
        Map<String, JsonObject> groups = byName(breakdown(id));
        assertEquals(Map.of(options[0], 5L, options[1], 0L), Votes.votesPerOption(groups.get("engineering")));
        assertEquals(Map.of(options[0], 0L, options[1], 5L), Votes.votesPerOption(groups.get("sales")));
    }

    @Test
    void breakdownGroupsAreCheckedAndFixedOnceThePollOpens() {
        JsonArrayBuilder eleven = Json.createArrayBuilder();
        IntStream.rangeClosed(1, 11).forEach(i -> eleven.add("group-" + i));
        JsonObject tooMany = assertProblem(
                422,
                author.post(
                        "/api/v1/polls",
                        singleChoice("Too many")
                                .add("breakdownGroups", eleven)
                                .build()
                                .toString()));
        assertEquals(Set.of("breakdownGroups"), errorFields(tooMany));
        JsonObject comma = assertProblem(
                422,
                author.post(
                        "/api/v1/polls",
                        singleChoice("Comma")
                                .add(
                                        "breakdownGroups",
                                        Json.createArrayBuilder().add("cn=sales,ou=groups"))
                                .build()
                                .toString()));
        assertEquals(Set.of("breakdownGroups[0]"), errorFields(comma));

        JsonObject open = openPoll(singleChoice("Fixed"), List.of("engineering"), false);
        String id = open.getString("id");
        assertProblem(
                409,
                author.patch(
                        "/api/v1/polls/" + id,
                        Json.createObjectBuilder()
                                .add(
                                        "breakdownGroups",
                                        Json.createArrayBuilder().add("sales"))
                                .build()
                                .toString()));
        assertEquals(
                List.of("engineering"),
                author.get("/api/v1/polls/" + id)
                        .json()
                        .getJsonArray("breakdownGroups")
                        .getValuesAs((JsonValue value) -> ((jakarta.json.JsonString) value).getString()));

        JsonObject by = assertProblem(400, author.get("/api/v1/polls/" + id + "/results?by=department"));
        assertEquals(Set.of("by"), errorFields(by));
        JsonObject none = create(author, singleChoice("No breakdown").add("open", true));
        author.post("/api/v1/polls/" + none.getString("id") + "/close");
        assertProblem(409, "no-breakdown", author.get(breakdownOf(none.getString("id"))));
    }

    private JsonObject openPoll(JsonObjectBuilder poll, List<String> breakdownGroups, boolean anonymous) {
        JsonArrayBuilder groups = Json.createArrayBuilder();
        breakdownGroups.forEach(groups::add);
        return create(
                author,
                poll.add("breakdownGroups", groups).add("anonymous", anonymous).add("open", true));
    }

    /** The breakdown, once it is shown: seconds after the close, when every ballot is surely counted. */
    private JsonObject breakdown(String id) {
        Instant deadline = Instant.now().plus(PATIENCE);
        Api.Reply reply = author.get(breakdownOf(id));
        while (reply.status() == 409
                && reply.json().getString("type").endsWith("not-all-counted")
                && Instant.now().isBefore(deadline)) {
            Votes.sleep(250);
            reply = author.get(breakdownOf(id));
        }
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static String breakdownOf(String id) {
        return "/api/v1/polls/" + id + "/results?by=group";
    }

    private static void vote(List<String> voters, String id, String option) {
        for (String voter : voters) {
            Api.Reply reply = Votes.vote(Api.as(voter), id, option);
            assertEquals(202, reply.status(), reply::toString);
        }
    }

    private static void rate(String voter, String id, int rating) {
        Api.Reply reply = Api.as(voter).post("/api/v1/polls/" + id + "/votes", "{\"rating\": " + rating + "}");
        assertEquals(202, reply.status(), reply::toString);
    }

    /** Crowd voters, not fresh ones: each casts one ballot, and the fresh ones are few. */
    private static List<String> engineers(int count) {
        return Voters.crowdIn("engineering", count);
    }

    private static List<String> salespeople(int count) {
        return Voters.crowdIn("sales", count);
    }

    private static Map<String, JsonObject> byName(JsonObject breakdown) {
        return breakdown.getJsonArray("groups").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(group -> group.getString("group"), group -> group));
    }

    /** Withheld: its name and suppressed, and not one figure. */
    private static void assertWithheld(JsonObject group) {
        assertEquals(Set.of("group", "suppressed"), group.keySet(), group::toString);
        assertTrue(group.getBoolean("suppressed"));
    }

    private static Map<Integer, Long> distribution(JsonObject group) {
        Map<Integer, Long> votes = new HashMap<>();
        group.getJsonArray("distribution").stream()
                .map(JsonValue::asJsonObject)
                .forEach(value -> votes.put(
                        value.getInt("value"), value.getJsonNumber("votes").longValue()));
        return votes;
    }
}
