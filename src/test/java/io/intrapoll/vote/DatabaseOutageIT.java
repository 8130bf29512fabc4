package io.intrapoll.vote;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Messaging;
import io.intrapoll.poll.PollId;
import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Metrics;
import io.intrapoll.support.ProblemAssertions;
import io.intrapoll.support.TestBroker;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.TestPostgres;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PostgreSQL goes away: no vote is lost or hangs, what needs the database gets a fast 503, all recovers by itself. */
class DatabaseOutageIT extends AgainstTheServer {

    private final Api author = Api.as("author");

    /**
     * PostgreSQL goes away. A first vote needs no database (the claims cache vouches for the poll): it is made
     * durable on the broker, answered 202 at once and counted once the database is back. What does need the
     * database (creating a poll) gets a fast 503 with Retry-After, and readiness is DOWN meanwhile.
     */
    @Test
    void duringADatabaseOutageVotesAreKeptAndWhatNeedsTheDatabaseGetsAFast503() {
        JsonObject poll = create(author, singleChoice("Database outage").add("open", true));
        String id = poll.getString("id");
        String option = optionIds(poll)[0];
        // An outage meets a server that has been taking votes: its first-vote start-up costs are behind it.
        assertEquals(202, vote(Api.as(Voters.fresh()), id, option).status());
        awaitCounted(author, id, 1);
        TestPostgres.stop();
        Api.Reply accepted;
        Api.Reply refused;
        Api.Reply readiness;
        long voteMillis;
        long createMillis;
        try {
            long started = System.nanoTime();
            accepted = vote(Api.as(Voters.fresh()), id, option);
            voteMillis = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            refused = author.post(
                    "/api/v1/polls", singleChoice("During the outage").build().toString());
            createMillis = (System.nanoTime() - started) / 1_000_000;
            readiness = Api.anonymous().get("/health/ready");
        } finally {
            TestPostgres.start();
        }
        assertEquals(202, accepted.status(), accepted::toString);
        assertTrue(voteMillis < 2_000, "vote answered in " + voteMillis + " ms");
        ProblemAssertions.assertProblem(503, "service-unavailable", refused);
        assertNotNull(refused.header("Retry-After"), "Retry-After");
        assertTrue(createMillis < 2_000, "poll creation answered in " + createMillis + " ms");
        assertEquals(503, readiness.status(), "not ready without the database: " + readiness);

        long deadline = System.currentTimeMillis() + 60_000;
        while (Api.anonymous().get("/health/ready").status() != 200 && System.currentTimeMillis() < deadline) {
            Votes.sleep(500);
        }
        assertEquals(200, Api.anonymous().get("/health/ready").status(), "ready again by itself");
        awaitCounted(author, id, 2, Duration.ofSeconds(90));
        Api latecomer = Api.as(Voters.fresh());
        Api.Reply next = vote(latecomer, id, option);
        for (int attempt = 0; next.status() == 503 && attempt < 20; attempt++) {
            Votes.sleep(500); // pooled connections from before the outage are replaced as they fail
            next = vote(latecomer, id, option);
        }
        assertEquals(202, next.status(), next::toString);
        awaitCounted(author, id, 3);
    }

    /**
     * Ballots already on the queue while the database is away are redelivered until they are counted, never
     * dead-lettered after a few failed attempts: here the aggregator fails on them for eight seconds.
     */
    @Test
    void ballotsWaitingWhileTheDatabaseIsAwayAreCountedOnceItIsBack() throws Exception {
        JsonObject poll =
                create(author, singleChoice("Counted after the outage").add("open", true));
        String id = poll.getString("id");
        String option = optionIds(poll)[0];
        List<String> voters = Voters.crowd(40);
        List<Ballot> ballots = IntStream.range(0, voters.size())
                .mapToObj(i -> new Ballot(
                        UUID.randomUUID().toString(),
                        new PollId(id),
                        "outage-key-" + voters.get(i),
                        voters.get(i),
                        List.of(option),
                        Instant.now(),
                        1,
                        UUID.randomUUID().toString(),
                        null,
                        false))
                .toList();
        TestPostgres.stop();
        try {
            TestBroker.send(
                    Messaging.BALLOTS_ADDRESS,
                    BallotMessages.encode(ballots.subList(0, 20)),
                    Map.of(Messaging.POLLS_PROPERTY, id));
            TestBroker.send(
                    Messaging.BALLOTS_ADDRESS,
                    BallotMessages.encode(ballots.subList(20, 40)),
                    Map.of(Messaging.POLLS_PROPERTY, id));
            Votes.sleep(6_000);
            long lag = aggregationLagMillis();
            assertTrue(lag >= 5_000, "the lag grows while nothing can be counted: " + lag + " ms");
            Votes.sleep(2_000);
        } finally {
            TestPostgres.start();
        }
        awaitCounted(author, id, 40, Duration.ofSeconds(90));
        long deadline = System.currentTimeMillis() + 15_000;
        while (aggregationLagMillis() > 0 && System.currentTimeMillis() < deadline) {
            Votes.sleep(200);
        }
        assertEquals(0, aggregationLagMillis(), "no lag once everything is counted");
        List<List<String>> perVoter =
                TestDatabase.rows("SELECT voter, COUNT(*) FROM ballot WHERE poll_id = ? GROUP BY voter", id);
        assertEquals(40, perVoter.size(), "every waiting ballot counted");
        assertTrue(perVoter.stream().allMatch(row -> row.get(1).equals("1")), "each once: " + perVoter);
    }

    private static long aggregationLagMillis() {
        return Math.round(Metrics.gauge("intrapoll_aggregation_lag_seconds") * 1000);
    }
}
