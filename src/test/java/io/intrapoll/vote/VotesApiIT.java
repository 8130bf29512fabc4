package io.intrapoll.vote;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.ProblemAssertions.errorFields;
import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.TestPolls.withAudience;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static io.intrapoll.support.Votes.votesPerOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every outcome of the contract's Votes table, and the results it leads to. */
class VotesApiIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    private JsonObject openPoll(jakarta.json.JsonObjectBuilder poll) {
        return create(author, poll.add("open", true));
    }

    @Test
    void acceptedVoteGetsAReceiptAndIsCounted() {
        JsonObject poll = openPoll(singleChoice("Receipt"));
        String[] options = optionIds(poll);
        Api.Reply reply = vote(Api.as(Voters.fresh()), poll.getString("id"), options[0]);
        assertEquals(202, reply.status(), reply::toString);
        JsonObject receipt = reply.json();
        assertEquals("ACCEPTED", receipt.getString("status"));
        assertEquals(poll.getString("id"), receipt.getString("pollId"));
        assertNotNull(receipt.getString("receiptId"));
        assertNotNull(receipt.getString("acceptedAt"));
        JsonObject results = awaitCounted(author, poll.getString("id"), 1);
        assertEquals(Map.of(options[0], 1L, options[1], 0L), votesPerOption(results));
        assertEquals(
                100.0,
                results.getJsonArray("options")
                        .getJsonObject(0)
                        .getJsonNumber("percent")
                        .doubleValue());
    }

    @Test
    void secondBallotFromSameVoterIsRejectedWhenNoChangeIsAllowed() {
        Api voter = Api.as(Voters.fresh());
        JsonObject poll = openPoll(singleChoice("Once"));
        String[] options = optionIds(poll);
        assertEquals(202, vote(voter, poll.getString("id"), options[0]).status());
        assertProblem(409, "already-voted", vote(voter, poll.getString("id"), options[1]));
        JsonObject results = awaitCounted(author, poll.getString("id"), 1);
        assertEquals(Map.of(options[0], 1L, options[1], 0L), votesPerOption(results));
    }

    @Test
    void changedVoteReplacesTheEarlierBallot() {
        Api voter = Api.as(Voters.fresh());
        JsonObject poll = openPoll(singleChoice("Changeable").add("allowVoteChange", true));
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        assertEquals(202, vote(voter, id, options[0]).status());
        awaitCounted(author, id, 1);
        Api.Reply changed = vote(voter, id, options[1]);
        assertEquals(202, changed.status(), changed::toString);
        assertEquals(202, vote(Api.as(Voters.fresh()), id, options[0]).status());
        JsonObject results = awaitCounted(author, id, 2);
        Votes.sleep(500);
        results = author.get("/api/v1/polls/" + id + "/results").json();
        assertEquals(2, results.getInt("totalBallots"));
        assertEquals(Map.of(options[0], 1L, options[1], 1L), votesPerOption(results));
        JsonObject mine = voter.get("/api/v1/polls/" + id + "/votes/mine").json();
        assertEquals(changed.string("receiptId"), mine.getString("receiptId"));
        assertEquals(
                List.of(options[1]),
                mine.getJsonArray("optionIds").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList());
    }

    @Test
    void idempotencyKeyReplaysTheSameReceipt() {
        JsonObject poll = openPoll(singleChoice("Idempotent"));
        String id = poll.getString("id");
        Api voter = Api.as(Voters.fresh()).with("Idempotency-Key", "retry-1");
        Api.Reply first = vote(voter, id, optionIds(poll)[0]);
        Api.Reply again = vote(voter, id, optionIds(poll)[0]);
        assertEquals(202, first.status());
        assertEquals(202, again.status());
        assertEquals(first.json(), again.json());
        awaitCounted(author, id, 1);
    }

    @Test
    void votesOnlyWhileOpen() {
        JsonObject draft = create(author, singleChoice("Draft"));
        assertProblem(409, "poll-not-open", vote(author, draft.getString("id"), optionIds(draft)[0]));
        JsonObject closed = openPoll(singleChoice("Closed"));
        author.post("/api/v1/polls/" + closed.getString("id") + "/close");
        assertProblem(409, "poll-not-open", vote(Api.as(Voters.fresh()), closed.getString("id"), optionIds(closed)[0]));
    }

    @Test
    void choicesMustFitThePoll() {
        Api voter = Api.as(Voters.fresh());
        JsonObject single = openPoll(singleChoice("Fit"));
        String id = single.getString("id");
        String[] options = optionIds(single);
        assertEquals(Set.of("optionIds[0]"), errorFields(assertProblem(422, vote(voter, id, "no-such"))));
        assertEquals(Set.of("optionIds"), errorFields(assertProblem(422, vote(voter, id, options))));
        assertEquals(Set.of("optionIds"), errorFields(assertProblem(422, vote(voter, id))));
        JsonObject multiple =
                openPoll(poll("Pick two", "MULTIPLE", "a", "b", "c").add("maxChoices", 2));
        String[] three = optionIds(multiple);
        assertProblem(422, vote(voter, multiple.getString("id"), three));
        assertEquals(
                Set.of("optionIds[1]"),
                errorFields(assertProblem(422, vote(voter, multiple.getString("id"), three[0], three[0]))));
        assertEquals(
                202, vote(voter, multiple.getString("id"), three[0], three[2]).status());
    }

    @Test
    void rankedTakesAllOptionsOrAPrefixAndShowsRounds() {
        JsonObject ranked = openPoll(poll("Rank", "RANKED", "a", "b", "c"));
        String id = ranked.getString("id");
        String[] o = optionIds(ranked);
        assertEquals(202, vote(Api.as(Voters.fresh()), id, o[0], o[1], o[2]).status());
        assertEquals(202, vote(Api.as(Voters.fresh()), id, o[1], o[0]).status());
        assertEquals(202, vote(Api.as(Voters.fresh()), id, o[2], o[0]).status());
        JsonObject results = awaitCounted(author, id, 3);
        assertEquals(Map.of(o[0], 1L, o[1], 1L, o[2], 1L), votesPerOption(results), "first preferences");
        var rounds = results.getJsonArray("rounds");
        assertEquals(2, rounds.size());
        assertEquals(o[2], rounds.getJsonObject(0).getString("eliminated"));
        assertEquals(o[0], rounds.getJsonObject(1).getString("winner"));
    }

    @Test
    void votersOutsideTheAudienceAreRefused() {
        JsonObject poll = openPoll(withAudience(singleChoice("Engineers"), List.of("engineering")));
        assertProblem(403, vote(Api.as(Voters.freshSalesperson()), poll.getString("id"), optionIds(poll)[0]));
        assertEquals(
                202,
                vote(Api.as(Voters.freshEngineer()), poll.getString("id"), optionIds(poll)[0])
                        .status());
    }

    @Test
    void malformedVotesAre400() {
        JsonObject poll = openPoll(singleChoice("Malformed"));
        String path = "/api/v1/polls/" + poll.getString("id") + "/votes";
        Api voter = Api.as(Voters.fresh());
        assertProblem(400, voter.post(path, "{\"optionIds\": "));
        assertProblem(400, voter.post(path, "{\"optionIds\": \"a\"}"));
        assertProblem(400, voter.post(path, "{\"optionIds\": [1]}"));
        assertProblem(400, voter.post(path, "{\"options\": []}"));
        assertEquals(
                Set.of("Idempotency-Key"),
                errorFields(assertProblem(
                        400, voter.with("Idempotency-Key", "x".repeat(101)).post(path, "{\"optionIds\": []}"))));
        assertEquals(
                Set.of("optionIds[0]", "optionIds[2]"),
                errorFields(assertProblem(400, voter.post(path, "{\"optionIds\": [null, \"a\", null]}"))));
        assertProblem(404, vote(voter, "no-such-poll", "a"));
    }

    @Test
    void mineShowsTheReceiptOr404() {
        Api voter = Api.as(Voters.fresh());
        JsonObject poll = openPoll(singleChoice("Mine"));
        String id = poll.getString("id");
        assertProblem(404, voter.get("/api/v1/polls/" + id + "/votes/mine"));
        String receipt = vote(voter, id, optionIds(poll)[1]).string("receiptId");
        JsonObject mine = voter.get("/api/v1/polls/" + id + "/votes/mine").json();
        assertEquals(receipt, mine.getString("receiptId"));
        assertEquals(optionIds(poll)[1], mine.getJsonArray("optionIds").getString(0));
    }

    @Test
    void myVotesAnswersForAWholePageOfPollsInOneCall() {
        Api voter = Api.as(Voters.fresh());
        JsonObject voted = openPoll(singleChoice("Page voted"));
        JsonObject anonymous = openPoll(singleChoice("Page anonymous").add("anonymous", true));
        JsonObject notVoted = openPoll(singleChoice("Page not voted"));
        JsonObject hidden = openPoll(withAudience(singleChoice("Page engineers"), List.of("engineering")));
        assertEquals(
                202, vote(voter, voted.getString("id"), optionIds(voted)[0]).status());
        assertEquals(
                202,
                vote(voter, anonymous.getString("id"), optionIds(anonymous)[1]).status());
        String query = List.of(
                        notVoted.getString("id"),
                        anonymous.getString("id"),
                        hidden.getString("id"),
                        "00000000-0000-0000-0000-000000000000",
                        "not-an-id",
                        voted.getString("id"),
                        voted.getString("id"))
                .stream()
                .map(id -> "poll=" + id)
                .collect(java.util.stream.Collectors.joining("&"));
        Api.Reply mine = voter.get("/api/v1/votes/mine?" + query);
        assertEquals(200, mine.status(), mine::toString);
        assertEquals(
                List.of(anonymous.getString("id"), voted.getString("id")),
                mine.array("voted").getValuesAs(jakarta.json.JsonString::getString),
                "the polls voted in, once each, in the order asked; unknown, malformed and hidden ones left out");
        assertEquals(
                List.of(),
                Api.as(Voters.fresh()).get("/api/v1/votes/mine?" + query).array("voted"),
                "another person voted in none");
        assertEquals(List.of(), voter.get("/api/v1/votes/mine").array("voted"));
        String tooMany = java.util.stream.IntStream.rangeClosed(0, 100)
                .mapToObj(i -> "poll=" + voted.getString("id"))
                .collect(java.util.stream.Collectors.joining("&"));
        assertProblem(400, voter.get("/api/v1/votes/mine?" + tooMany));
    }

    @Test
    void anonymousReceiptShowsNoChoices() {
        Api voter = Api.as(Voters.fresh());
        JsonObject poll = openPoll(singleChoice("Secret").add("anonymous", true));
        String id = poll.getString("id");
        assertEquals(202, vote(voter, id, optionIds(poll)[0]).status());
        JsonObject mine = voter.get("/api/v1/polls/" + id + "/votes/mine").json();
        assertFalse(mine.containsKey("optionIds"));
        assertProblem(409, "already-voted", vote(voter, id, optionIds(poll)[1]));
    }

    @Test
    void afterCloseResultsAreHiddenFromVotersUntilClosed() {
        Api voter = Api.as(Voters.fresh());
        JsonObject poll = openPoll(singleChoice("Later").add("resultsVisibility", "AFTER_CLOSE"));
        String id = poll.getString("id");
        vote(voter, id, optionIds(poll)[0]);
        assertProblem(403, voter.get("/api/v1/polls/" + id + "/results"));
        awaitCounted(author, id, 1);
        author.post("/api/v1/polls/" + id + "/close");
        JsonObject results = voter.get("/api/v1/polls/" + id + "/results").json();
        assertEquals(1, results.getInt("totalBallots"));
        assertTrue(results.getBoolean("final"));
        assertEquals("CLOSED", results.getString("status"));
    }

    @Test
    void csvIsForOwnersAndMatchesTheResults() {
        Api voter = Api.as(Voters.fresh());
        JsonObject poll = openPoll(poll("CSV", "SINGLE", "=cmd()", "Plain \"quoted\""));
        String id = poll.getString("id");
        vote(voter, id, optionIds(poll)[0]);
        awaitCounted(author, id, 1);
        Api.Reply csv = author.get("/api/v1/polls/" + id + "/results.csv");
        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("option_id,label,votes,percent", lines.get(0));
        assertEquals("\"" + optionIds(poll)[0] + "\",\"'=cmd()\",1,100.0", lines.get(1));
        assertEquals("\"" + optionIds(poll)[1] + "\",\"Plain \"\"quoted\"\"\",0,0.0", lines.get(2));
        assertProblem(403, voter.get("/api/v1/polls/" + id + "/results.csv"));
    }
}
