package io.intrapoll.poll;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.ProblemAssertions.errorFields;
import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.TestPolls.withAudience;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Electorate, turnout and decisions (API.md; issue 20 point 2) on the demo registry: engineering has 500 people,
 * sales the other 500, employees all 1,000; admins and authors one each. The electorate is fixed when the poll first
 * opens (at creation, by hand, on schedule); results add eligible and turnoutPercent; a closed SINGLE poll with a
 * decision says DECIDED (with the winner), NO_MAJORITY or NO_QUORUM.
 */
class ElectorateIT extends AgainstTheServer {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final Api author = Api.as("author");

    @Test
    void theElectorateIsTheAudienceWhenThePollOpens() {
        assertEquals(500, eligibleOf(openPoll(List.of("engineering"), null)));
        assertEquals(1000, eligibleOf(openPoll(List.of(), null)), "no audience: the voter group (employees)");
        assertEquals(1000, eligibleOf(openPoll(List.of("engineering", "sales"), null)));
        assertEquals(1000, eligibleOf(openPoll(List.of("engineering", "employees"), null)), "each person once");
        assertEquals(0, eligibleOf(openPoll(List.of("no-such-group"), null)));

        String draft = create(author, withAudience(singleChoice("Not open yet"), List.of("engineering")))
                .getString("id");
        assertFalse(author.get("/api/v1/polls/" + draft).json().containsKey("eligible"), "fixed only when it opens");
        assertEquals("OPEN", author.post("/api/v1/polls/" + draft + "/open").string("status"));
        assertEquals(500, author.get("/api/v1/polls/" + draft).json().getInt("eligible"));
    }

    @Test
    void resultsShowTheTurnout() {
        JsonObject poll = openPoll(List.of("engineering"), null);
        String id = poll.getString("id");
        JsonObject empty = author.get("/api/v1/polls/" + id + "/results").json();
        assertEquals(500, empty.getInt("eligible"));
        assertEquals(0.0, empty.getJsonNumber("turnoutPercent").doubleValue());
        String option = Votes.optionIds(poll)[0];
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    202, Votes.vote(Api.as(Voters.freshEngineer()), id, option).status());
        }
        JsonObject counted = Votes.awaitCounted(author, id, 3);
        assertEquals(500, counted.getInt("eligible"));
        assertEquals(0.6, counted.getJsonNumber("turnoutPercent").doubleValue(), "3 of 500");
        assertFalse(counted.containsKey("outcome"), "no decision asked for");
    }

    @Test
    void aScheduledOpeningFixesTheElectorateToo() throws InterruptedException {
        Instant opensAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String id = create(
                        author,
                        withAudience(singleChoice("Opens by itself"), List.of("sales"))
                                .add("opensAt", opensAt.toString()))
                .getString("id");
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonObject poll = author.get("/api/v1/polls/" + id).json();
        while (!"OPEN".equals(poll.getString("status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            poll = author.get("/api/v1/polls/" + id).json();
        }
        assertEquals("OPEN", poll.getString("status"));
        assertEquals(500, poll.getInt("eligible"));
    }

    @Test
    void aMajorityWithTheQuorumDecides() {
        JsonObject poll = openPoll(List.of("admins", "authors"), decision(50, 50));
        String[] options = Votes.optionIds(poll);
        assertEquals(
                202,
                Votes.vote(Api.as("admin"), poll.getString("id"), options[1]).status());
        assertEquals(202, Votes.vote(author, poll.getString("id"), options[1]).status());
        JsonObject results = Votes.closeAndAwaitFinal(author, poll.getString("id"), 2);
        assertEquals(100.0, results.getJsonNumber("turnoutPercent").doubleValue());
        assertEquals("DECIDED", results.getString("outcome"));
        assertEquals(options[1], results.getString("winnerOptionId"));
    }

    @Test
    void theLeaderDecidesNotTheFirstOptionOverTheThreshold() {
        JsonObject poll = create(
                author,
                withAudience(TestPolls.poll("Three ways", "SINGLE", "Thai", "Pizza", "Sushi"), List.of("engineering"))
                        .add("open", true)
                        .add("decision", decision(0, 30)));
        String[] options = Votes.optionIds(poll);
        String id = poll.getString("id");
        assertEquals(
                202, Votes.vote(Api.as(Voters.freshEngineer()), id, options[0]).status());
        assertEquals(
                202, Votes.vote(Api.as(Voters.freshEngineer()), id, options[1]).status());
        assertEquals(
                202, Votes.vote(Api.as(Voters.freshEngineer()), id, options[1]).status());
        JsonObject results = Votes.closeAndAwaitFinal(author, id, 3);
        assertEquals("DECIDED", results.getString("outcome"));
        assertEquals(options[1], results.getString("winnerOptionId"), "2 of 3 leads; 1 of 3 is over 30 % too");
    }

    @Test
    void anElectorateOfNobodyMeetsNoQuorum() {
        JsonObject poll = openPoll(List.of("no-such-group"), decision(10, 50));
        // Admins may vote on any poll: one ballot, no electorate.
        assertEquals(
                202,
                Votes.vote(Api.as("admin"), poll.getString("id"), Votes.optionIds(poll)[0])
                        .status());
        JsonObject results = Votes.closeAndAwaitFinal(author, poll.getString("id"), 1);
        assertEquals(0, results.getInt("eligible"));
        assertFalse(results.containsKey("turnoutPercent"), "no share of nobody");
        assertEquals("NO_QUORUM", results.getString("outcome"));
    }

    @Test
    void aTieIsNoMajority() {
        JsonObject poll = openPoll(List.of("admins", "authors"), decision(50, 50));
        String[] options = Votes.optionIds(poll);
        assertEquals(
                202,
                Votes.vote(Api.as("admin"), poll.getString("id"), options[0]).status());
        assertEquals(202, Votes.vote(author, poll.getString("id"), options[1]).status());
        JsonObject results = Votes.closeAndAwaitFinal(author, poll.getString("id"), 2);
        assertEquals("NO_MAJORITY", results.getString("outcome"), "50 % is not more than 50 %");
        assertFalse(results.containsKey("winnerOptionId"));
    }

    @Test
    void tooFewVotersIsNoQuorumWhateverTheyChose() {
        JsonObject poll = openPoll(List.of("engineering"), decision(10, 50));
        String option = Votes.optionIds(poll)[0];
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    202,
                    Votes.vote(Api.as(Voters.freshEngineer()), poll.getString("id"), option)
                            .status());
        }
        JsonObject open = Votes.awaitCounted(author, poll.getString("id"), 2);
        assertFalse(open.containsKey("outcome"), "no outcome while the poll is open");
        JsonObject results = Votes.closeAndAwaitFinal(author, poll.getString("id"), 2);
        assertEquals("NO_QUORUM", results.getString("outcome"), "2 of 500 is under 10 %, all for one option");
        assertFalse(results.containsKey("winnerOptionId"));
    }

    @Test
    void aDecisionIsForSinglePollsWithinItsBoundsAndFixedOnceOpen() {
        JsonObject multiple = assertProblem(
                422,
                author.post(
                        "/api/v1/polls",
                        singleChoice("Several")
                                .add("type", "MULTIPLE")
                                .add("decision", decision(50, 50))
                                .build()
                                .toString()));
        assertEquals(Set.of("decision"), errorFields(multiple));
        JsonObject bounds = assertProblem(
                422,
                author.post(
                        "/api/v1/polls",
                        singleChoice("Out of bounds")
                                .add("decision", decision(101, 100))
                                .build()
                                .toString()));
        assertEquals(Set.of("decision.quorumPercent", "decision.majorityPercent"), errorFields(bounds));

        JsonObject defaults = create(author, singleChoice("Defaults").add("decision", Json.createObjectBuilder()));
        assertEquals(0, defaults.getJsonObject("decision").getInt("quorumPercent"));
        assertEquals(50, defaults.getJsonObject("decision").getInt("majorityPercent"));

        JsonObject open = openPoll(List.of("engineering"), decision(20, 60));
        assertProblem(
                409,
                author.patch(
                        "/api/v1/polls/" + open.getString("id"),
                        Json.createObjectBuilder()
                                .add("decision", decision(0, 50))
                                .build()
                                .toString()));
        assertEquals(
                20,
                author.get("/api/v1/polls/" + open.getString("id"))
                        .json()
                        .getJsonObject("decision")
                        .getInt("quorumPercent"));
    }

    private JsonObject openPoll(List<String> audience, JsonObjectBuilder decision) {
        JsonObjectBuilder poll =
                withAudience(singleChoice("Electorate " + audience), audience).add("open", true);
        if (decision != null) {
            poll.add("decision", decision);
        }
        return create(author, poll);
    }

    private int eligibleOf(JsonObject poll) {
        return author.get("/api/v1/polls/" + poll.getString("id")).json().getInt("eligible");
    }

    private static JsonObjectBuilder decision(int quorumPercent, int majorityPercent) {
        return Json.createObjectBuilder().add("quorumPercent", quorumPercent).add("majorityPercent", majorityPercent);
    }
}
