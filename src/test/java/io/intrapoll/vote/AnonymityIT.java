package io.intrapoll.vote;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An anonymous poll stores nothing that links a person to a ballot: checked in the database itself. */
class AnonymityIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    @Test
    void noRowOfAnAnonymousPollNamesItsVoters() throws Exception {
        JsonObject poll =
                create(author, singleChoice("Anonymous").add("anonymous", true).add("open", true));
        String id = poll.getString("id");
        List<String> voters = Voters.fresh(3);
        List<String> receipts = new java.util.ArrayList<>();
        for (String voter : voters) {
            receipts.add(vote(Api.as(voter), id, optionIds(poll)[0]).string("receiptId"));
        }
        awaitCounted(author, id, voters.size());

        List<List<String>> participation =
                TestDatabase.rows("SELECT voter_key, receipt_id FROM participation WHERE poll_id = ?", id);
        assertEquals(3, participation.size(), "one-per-person still holds");
        List<List<String>> ballots =
                TestDatabase.rows("SELECT id, voter, choices, accepted_at FROM ballot WHERE poll_id = ?", id);
        assertEquals(3, ballots.size());
        for (List<String> ballot : ballots) {
            assertNull(ballot.get(1), "a ballot names no voter");
            assertFalse(receipts.contains(ballot.get(0)), "a receipt does not lead to a ballot");
            assertTrue(ballot.get(3).contains(":00:00"), "a ballot's time is coarse: " + ballot.get(3));
        }
        for (List<String> row : participation) {
            assertTrue(row.get(0).startsWith("p:"), "participation holds a pseudonym: " + row.get(0));
            voters.forEach(voter -> assertFalse(row.get(0).contains(voter)));
        }
        for (String table : List.of("participation", "ballot", "poll_tally", "option_tally")) {
            for (String voter : voters) {
                assertEquals(
                        List.of(List.of("0")),
                        TestDatabase.rows(
                                "SELECT COUNT(*) FROM " + table + " t WHERE t.poll_id = ? AND CAST(t.* AS TEXT) LIKE ?",
                                id,
                                "%" + voter + "%"),
                        voter + " in " + table);
            }
        }
    }

    @Test
    void anonymousPollsCannotAllowAChangeOfVote() {
        Api.Reply refused = author.post(
                "/api/v1/polls",
                singleChoice("Anonymous and changeable")
                        .add("anonymous", true)
                        .add("allowVoteChange", true)
                        .build()
                        .toString());
        assertEquals(422, refused.status(), refused::toString);
    }
}
