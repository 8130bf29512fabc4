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
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An anonymous poll stores nothing that links a person to a ballot, and no join of its two halves on PostgreSQL
 * works (transaction, order, time): checked in the database itself.
 */
class AnonymityIT extends AgainstTheServer {

    private static final int VOTERS = 40;

    /** Right pairs that a guess reaches once in many thousand runs: a join that worked would get most. */
    private static final int GUESSING = 8;

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

    /**
     * Forty people vote in an anonymous poll, each a different set of options, so that any join which led from a
     * participation (whose receipt names its voter here) to a ballot would show in how many it gets right. Every
     * join tried on PostgreSQL gets about as many right as a guess would (expected: one of forty).
     */
    @Test
    void noJoinOnPostgreSqlLeadsFromAParticipationToItsBallot() throws Exception {
        JsonObject poll = create(
                author,
                TestPolls.poll("Anonymous, many ways", "MULTIPLE", "A", "B", "C", "D", "E", "F")
                        .add("maxChoices", 6)
                        .add("anonymous", true)
                        .add("open", true));
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        Map<String, Set<String>> choicesByReceipt = new ConcurrentHashMap<>();
        List<String> voters = Voters.fresh(VOTERS);
        // At once, as in a meeting: how slowly one by one would go depends on the machine, not on the design.
        ExecutorService crowd = Executors.newFixedThreadPool(8);
        List<Future<?>> votes = new ArrayList<>();
        for (int i = 0; i < VOTERS; i++) {
            List<String> chosen = new ArrayList<>();
            for (int bit = 0; bit < options.length; bit++) {
                if (((i + 1) & (1 << bit)) != 0) {
                    chosen.add(options[bit]);
                }
            }
            String voter = voters.get(i);
            votes.add(crowd.submit(() -> {
                Api.Reply reply = vote(Api.as(voter), id, chosen.toArray(String[]::new));
                assertEquals(202, reply.status(), reply::toString);
                choicesByReceipt.put(reply.string("receiptId"), Set.copyOf(chosen));
            }));
        }
        for (Future<?> vote : votes) {
            vote.get(60, TimeUnit.SECONDS);
        }
        crowd.shutdown();
        awaitCounted(author, id, VOTERS, Duration.ofSeconds(30));

        // The participations in the order they were written (transaction, then place in the table), each with the
        // choices its voter made; the ballots in the same order, with their choices.
        List<Set<String>> truth = TestDatabase.rows(
                        "SELECT receipt_id FROM participation WHERE poll_id = ?" + " ORDER BY xmin::text::bigint, ctid",
                        id)
                .stream()
                .map(row -> choicesByReceipt.get(row.get(0)))
                .toList();
        assertEquals(VOTERS, truth.size());
        assertTrue(truth.stream().allMatch(java.util.Objects::nonNull), "each participation has its receipt");
        List<List<String>> ballots = TestDatabase.rows(
                "SELECT choices, xmin::text::bigint, accepted_at = date_trunc('hour', accepted_at),"
                        + " counted_at = date_trunc('hour', counted_at) FROM ballot WHERE poll_id = ?"
                        + " ORDER BY xmin::text::bigint, ctid",
                id);
        assertEquals(VOTERS, ballots.size());
        List<Set<String>> counted =
                ballots.stream().map(row -> Set.of(row.get(0).split(","))).toList();
        assertEquals(Set.copyOf(choicesByReceipt.values()), Set.copyOf(counted), "every ballot counted once");

        assertEquals(
                List.of(List.of("0")),
                TestDatabase.rows(
                        "SELECT COUNT(*) FROM participation p JOIN ballot b ON b.xmin = p.xmin"
                                + " WHERE p.poll_id = ? AND b.poll_id = ?",
                        id,
                        id),
                "no transaction wrote both a participation and a ballot");
        for (List<String> ballot : ballots) {
            assertEquals(List.of("t", "t"), ballot.subList(2, 4), "a ballot's only times are hours");
        }

        int byOrder = 0;
        for (int i = 0; i < VOTERS; i++) {
            byOrder += truth.get(i).equals(counted.get(i)) ? 1 : 0;
        }
        assertTrue(byOrder <= GUESSING, "paired in the order written: " + byOrder + " of " + VOTERS + " right");

        // Each ballot with the participation written last before it (the vote that came just before its count).
        List<Long> participationTransactions = TestDatabase.rows(
                        "SELECT xmin::text::bigint FROM participation WHERE poll_id = ?"
                                + " ORDER BY xmin::text::bigint, ctid",
                        id)
                .stream()
                .map(row -> Long.parseLong(row.get(0)))
                .toList();
        int byLastBefore = 0;
        for (int i = 0; i < VOTERS; i++) {
            long transaction = Long.parseLong(ballots.get(i).get(1));
            int before = -1;
            for (int j = 0; j < VOTERS && participationTransactions.get(j) < transaction; j++) {
                before = j;
            }
            byLastBefore += before >= 0 && truth.get(before).equals(counted.get(i)) ? 1 : 0;
        }
        assertTrue(
                byLastBefore <= GUESSING,
                "paired with the vote just before: " + byLastBefore + " of " + VOTERS + " right");
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
