package io.intrapoll.vote;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestBroker;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The broker crashes (SIGKILL) and comes back while votes flow: votes sent during the outage get a fast 503, none
 * hangs (not even those in flight at the crash) or gets a 500; every 202 is counted exactly once; readiness is DOWN during the outage and UP after it.
 */
class BrokerOutageIT extends AgainstTheServer {

    private static final int VOTERS = 600;
    private static final Duration FAST = Duration.ofSeconds(2);
    /**
     * Every request is answered, if not always that fast: one in flight when the broker died, or sent while it
     * starts again (its JVM then takes both cores of a small test machine for seconds).
     */
    private static final Duration NO_HANG = Duration.ofSeconds(10);

    private final Api author = Api.as("author");

    @Test
    void everyAcceptedVoteIsCountedOnceThroughABrokerCrash() throws Exception {
        JsonObject poll = create(
                author, poll("Through the outage", "SINGLE", "Left", "Right").add("open", true));
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        Map<String, Integer> statusByVoter = new ConcurrentHashMap<>();
        Map<String, Long> slowRefusals = new ConcurrentHashMap<>();
        Map<String, Long> hung = new ConcurrentHashMap<>();
        AtomicLong brokerDeadAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong brokerRestartAt = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refusedDuringTheOutage = new AtomicInteger();

        List<String> crowd = Voters.crowd(VOTERS);
        ExecutorService voters = Executors.newFixedThreadPool(8);
        for (int i = 0; i < crowd.size(); i++) {
            String voter = crowd.get(i);
            String option = options[i % 2];
            voters.submit(() -> {
                long started = System.nanoTime();
                int status = vote(Api.as(voter), id, option).status();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                statusByVoter.put(voter, status);
                boolean duringTheOutage =
                        started > brokerDeadAt.get() && started + FAST.toNanos() < brokerRestartAt.get();
                if (status == 503 && duringTheOutage) {
                    refusedDuringTheOutage.incrementAndGet();
                    if (millis > FAST.toMillis()) {
                        slowRefusals.put(voter, millis);
                    }
                }
                if (millis > NO_HANG.toMillis()) {
                    hung.put(voter, millis);
                }
                answered.incrementAndGet();
                Votes.sleep(15); // a steady flow rather than one burst
            });
        }
        awaitAnswers(answered, 100);
        TestBroker.kill();
        brokerDeadAt.set(System.nanoTime());
        int beforeOutage = answered.get();
        awaitAnswers(answered, beforeOutage + 40);
        Votes.sleep(2500); // an outage long enough to time the votes sent during it
        Api.Reply readiness = Api.anonymous().get("/health/ready");
        brokerRestartAt.set(System.nanoTime());
        TestBroker.start();
        voters.shutdown();
        assertTrue(voters.awaitTermination(5, TimeUnit.MINUTES), "every vote was answered");

        assertEquals(503, readiness.status(), "not ready while the broker is down: " + readiness);
        assertEquals(
                Set.of(),
                statusByVoter.values().stream()
                        .filter(s -> s != 202 && s != 503)
                        .collect(Collectors.toSet()),
                "only 202 or 503");
        assertTrue(statusByVoter.containsValue(503), "the outage was seen");
        assertTrue(refusedDuringTheOutage.get() > 0, "votes were sent during the outage");
        assertEquals(Map.of(), slowRefusals, "every vote sent during the outage got its 503 within " + FAST);
        assertEquals(Map.of(), hung, "every vote was answered within " + NO_HANG);

        List<String> accepted = statusByVoter.entrySet().stream()
                .filter(entry -> entry.getValue() == 202)
                .map(Map.Entry::getKey)
                .toList();
        awaitCounted(author, id, accepted.size());
        Votes.sleep(2000); // redeliveries, if any, have arrived
        Map<String, Long> ballotsPerVoter = new HashMap<>();
        for (List<String> row :
                TestDatabase.rows("SELECT voter, COUNT(*) FROM ballot WHERE poll_id = ? GROUP BY voter", id)) {
            ballotsPerVoter.put(row.get(0), Long.parseLong(row.get(1)));
        }
        for (String voter : accepted) {
            assertEquals(1L, ballotsPerVoter.get(voter), voter + " was accepted and must be counted once");
        }
        assertTrue(ballotsPerVoter.values().stream().allMatch(count -> count == 1), "nobody counted twice");
        JsonObject results = author.get("/api/v1/polls/" + id + "/results").json();
        long counted =
                ballotsPerVoter.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(counted, results.getJsonNumber("totalBallots").longValue(), "tallies match the ballots");
        assertEquals(200, Api.anonymous().get("/health/ready").status(), "ready again");
    }

    private static void awaitAnswers(AtomicInteger answered, int count) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (answered.get() < count && System.currentTimeMillis() < deadline) {
            Votes.sleep(20);
        }
    }
}
