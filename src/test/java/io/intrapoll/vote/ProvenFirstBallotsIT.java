package io.intrapoll.vote;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static io.intrapoll.support.Votes.votesPerOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Messaging;
import io.intrapoll.poll.PollId;
import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestBroker;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * First ballots that the claims cache proves first are counted without looking their participation up; a
 * redelivered one (the broker sends a group again after a crash) finds its own earlier insert and must still count
 * once, alone or in a batch with others.
 */
class ProvenFirstBallotsIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    @Test
    void redeliveredProvenFirstBallotsAreCountedOnce() throws Exception {
        JsonObject poll =
                create(author, singleChoice("Redelivered first ballots").add("open", true));
        String id = poll.getString("id");
        String option = optionIds(poll)[0];
        List<String> voters = Voters.crowd(12);
        List<Ballot> ballots = IntStream.range(0, voters.size())
                .mapToObj(i -> new Ballot(
                        UUID.randomUUID().toString(),
                        new PollId(id),
                        "redelivered-key-" + (i + 1),
                        voters.get(i),
                        List.of(option),
                        Instant.now(),
                        1,
                        UUID.randomUUID().toString(),
                        null,
                        true))
                .toList();
        send(id, ballots.subList(0, 6));
        awaitCounted(author, id, 6);
        // The same group again, then a group holding new ballots and one already counted, sent together so the
        // counting thread likely takes them in one batch.
        send(id, ballots.subList(0, 6));
        send(id, List.of(ballots.get(6), ballots.get(7), ballots.get(0), ballots.get(8)));
        send(id, ballots.subList(9, 12));
        JsonObject results = awaitCounted(author, id, 12);
        Votes.sleep(1_500); // a ballot counted twice would show by now
        results = awaitCounted(author, id, 12);
        assertEquals(12, results.getInt("totalBallots"), results::toString);
        assertEquals(12L, votesPerOption(results).get(option), results::toString);
        List<List<String>> perVoter =
                TestDatabase.rows("SELECT voter, COUNT(*) FROM ballot WHERE poll_id = ? GROUP BY voter", id);
        assertEquals(12, perVoter.size(), "every ballot counted");
        assertTrue(perVoter.stream().allMatch(row -> row.get(1).equals("1")), "each once: " + perVoter);
    }

    @Test
    void aSecondVoteOfAPersonIsRefusedWithoutTheDatabaseAndCountedOnce() {
        JsonObject poll = create(author, singleChoice("One ballot each").add("open", true));
        String id = poll.getString("id");
        String option = optionIds(poll)[0];
        Api voter = Api.as(Voters.fresh());
        assertEquals(202, vote(voter, id, option).status());
        Api.Reply again = vote(voter, id, option);
        assertEquals(409, again.status(), again::toString);
        awaitCounted(author, id, 1);
        assertEquals(409, vote(voter, id, option).status(), "still refused once counted");
        assertEquals(202, vote(Api.as(Voters.fresh()), id, option).status(), "another person votes");
        awaitCounted(author, id, 2);
    }

    private static void send(String pollId, List<Ballot> group) {
        TestBroker.send(
                Messaging.BALLOTS_ADDRESS, BallotMessages.encode(group), Map.of(Messaging.POLLS_PROPERTY, pollId));
    }
}
