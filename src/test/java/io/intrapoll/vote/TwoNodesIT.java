package io.intrapoll.vote;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static io.intrapoll.support.Votes.votesPerOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.EventStream;
import io.intrapoll.support.LibertyServer;
import io.intrapoll.support.Metrics;
import io.intrapoll.support.ProblemAssertions;
import io.intrapoll.support.ResultsStream;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Liberty nodes in one Infinispan cluster, on one database and one broker (node A: the Arquillian server;
 * node B: a second server): one-per-person holds across them, and both serve the same results.
 */
class TwoNodesIT extends AgainstTheServer {

    private static final LibertyServer NODE_B = new LibertyServer(
            System.getProperty("crash.it.server", "intrapoll-crash"), Integer.getInteger("crash.it.http.port", 9183));

    @BeforeAll
    static void startNodeB() {
        NODE_B.startAndAwaitReady();
    }

    @AfterAll
    static void stopNodeB() {
        NODE_B.stop();
    }

    private static Api onA(String user) {
        return Api.as(user);
    }

    private static Api onB(String user) {
        return NODE_B.as(user);
    }

    @Test
    void votesThroughBothNodesAreCountedAndBothShowTheSameResults() throws Exception {
        JsonObject poll = create(
                onA("author"), poll("Two nodes", "SINGLE", "North", "South").add("open", true));
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Map<String, Long> accepted = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> crowd = Voters.crowd(200);
        for (int i = 0; i < crowd.size(); i++) {
            String voter = crowd.get(i);
            String option = options[i % 2];
            Api node = i % 2 == 0 ? onA(voter) : onB(voter);
            pool.submit(() -> {
                if (vote(node, id, option).status() == 202) {
                    accepted.merge(option, 1L, Long::sum);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(3, TimeUnit.MINUTES));
        assertEquals(200, accepted.values().stream().mapToLong(Long::longValue).sum());
        JsonObject fromA = awaitCounted(onA("author"), id, 200);
        JsonObject fromB = awaitCounted(onB("author"), id, 200);
        assertEquals(accepted, withoutZeros(votesPerOption(fromA)));
        assertEquals(votesPerOption(fromA), votesPerOption(fromB));
    }

    @Test
    void bothNodesSignWithOneKeyAndShowOneCertificate() {
        JsonObject poll = create(
                onA("author"),
                poll("Certified across nodes", "SINGLE", "Yes", "No").add("open", true));
        String id = poll.getString("id");
        String voter = Voters.fresh();
        Api.Reply receipt = vote(onB(voter), id, optionIds(poll)[0]);
        assertEquals(202, receipt.status());
        awaitCounted(onA("author"), id, 1);
        assertEquals(200, onA("author").post("/api/v1/polls/" + id + "/close").status());
        String keysOnA = Api.anonymous().get("/api/v1/keys").body();
        String keysOnB = NODE_B.as(null).get("/api/v1/keys").body();
        assertEquals(keysOnA, keysOnB, "the same JWKS on both nodes");
        JsonObject fromB = awaitCertificate(onB("author"), id);
        JsonObject fromA = awaitCertificate(onA("author"), id);
        assertEquals(fromA.getString("jws"), fromB.getString("jws"), "made once, whichever node was asked first");
        String commitment = java.util.HexFormat.of()
                .formatHex(sha256(receipt.json().getString("tracker") + "|" + optionIds(poll)[0]));
        assertEquals(
                fromA.getJsonObject("payload").getString("merkleRoot"),
                onA(voter).get("/api/v1/polls/" + id + "/proof/" + commitment).string("merkleRoot"),
                "one ballot: its leaf is the root");
    }

    private static JsonObject awaitCertificate(Api caller, String pollId) {
        Api.Reply reply = caller.get("/api/v1/polls/" + pollId + "/certificate");
        for (int i = 0; i < 120 && reply.status() == 409; i++) {
            Votes.sleep(250);
            reply = caller.get("/api/v1/polls/" + pollId + "/certificate");
        }
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVoterCountedOnOneNodeIsRefusedOnTheOther() {
        JsonObject poll = create(
                onA("author"), poll("Once across nodes", "SINGLE", "Yes", "No").add("open", true));
        String id = poll.getString("id");
        String voter = Voters.fresh();
        assertEquals(202, vote(onA(voter), id, optionIds(poll)[0]).status());
        awaitCounted(onA("author"), id, 1);
        ProblemAssertions.assertProblem(409, "already-voted", vote(onB(voter), id, optionIds(poll)[1]));
    }

    @Test
    void simultaneousBallotsOfOnePersonOnBothNodesCountOnce() throws Exception {
        JsonObject poll = create(
                onA("author"), poll("Race across nodes", "SINGLE", "Yes", "No").add("open", true));
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        List<String> voters = Voters.fresh(30);
        for (String voter : voters) {
            var a = CompletableFuture.supplyAsync(
                    () -> vote(onA(voter), id, options[0]).status());
            var b = CompletableFuture.supplyAsync(
                    () -> vote(onB(voter), id, options[1]).status());
            assertTrue(a.get() == 202 || b.get() == 202, voter + " got through on one node at least");
        }
        awaitCounted(onA("author"), id, voters.size());
        Votes.sleep(1500);
        Map<String, Long> ballotsPerVoter = new HashMap<>();
        for (List<String> row :
                TestDatabase.rows("SELECT voter, COUNT(*) FROM ballot WHERE poll_id = ? GROUP BY voter", id)) {
            ballotsPerVoter.put(row.get(0), Long.parseLong(row.get(1)));
        }
        for (String voter : voters) {
            assertEquals(1L, ballotsPerVoter.get(voter), voter + " counted exactly once");
        }
        assertEquals(
                voters.size(),
                onB("author").get("/api/v1/polls/" + id + "/results").json().getInt("totalBallots"));
    }

    @Test
    void aVoteOnOneNodeReachesResultsStreamsOnTheOther() throws Exception {
        JsonObject poll = create(
                onA("author"),
                poll("Streamed across nodes", "SINGLE", "Here", "There").add("open", true));
        String id = poll.getString("id");
        try (ResultsStream onB = ResultsStream.open(NODE_B.base(), "author", id);
                ResultsStream onA = ResultsStream.open(Api.itServer(), "author", id)) {
            assertNotNull(onB.next(Duration.ofSeconds(5)), "node B streams the results at once");
            assertNotNull(onA.next(Duration.ofSeconds(5)), "node A streams the results at once");
            assertEquals(202, vote(onA(Voters.fresh()), id, optionIds(poll)[0]).status());
            assertNotNull(onB.awaitBallots(1, Duration.ofSeconds(10)), "node B's subscriber saw the vote on A");
            assertNotNull(onA.awaitBallots(1, Duration.ofSeconds(10)), "node A's subscriber saw it too");
            assertEquals(202, vote(onB(Voters.fresh()), id, optionIds(poll)[1]).status());
            assertNotNull(onA.awaitBallots(2, Duration.ofSeconds(10)), "node A's subscriber saw the vote on B");
        }
    }

    /** The presenter's click and a question on node A reach an event stream held by node B (the signals cache). */
    @Test
    void anEventChangedOnOneNodeReachesEventStreamsOnTheOther() throws Exception {
        String event = onA("author")
                .post("/api/v1/events", "{\"title\": \"Across nodes\"}")
                .string("id");
        JsonObject poll = create(
                onA("author"),
                poll("Shown across nodes", "SINGLE", "Here", "There").add("eventId", event));
        try (EventStream onBStream = EventStream.open(NODE_B.base(), Voters.fresh(), event)) {
            assertNotNull(onBStream.await("event", any -> true, Duration.ofSeconds(5)), "node B sends the state");
            onA("author")
                    .post("/api/v1/events/" + event + "/present", "{\"pollId\": \"" + poll.getString("id") + "\"}");
            assertNotNull(
                    onBStream.await(
                            "active-poll",
                            data -> poll.getString("id").equals(data.getString("activePollId", null)),
                            Duration.ofSeconds(5)),
                    "node B's subscriber follows the presenter on A");
            String question = onA(Voters.fresh())
                    .post("/api/v1/events/" + event + "/questions", "{\"text\": \"Heard on B?\"}")
                    .string("id");
            assertNotNull(
                    onBStream.await("question", data -> data.getString("id").equals(question), Duration.ofSeconds(5)),
                    "and sees the question asked on A");
        }
    }

    /**
     * One user's budget for voting (60 a minute by default) is one budget across the cluster: a flood sent to
     * both nodes in turn is cut off after about 60, not 120, with 429 and Retry-After on each node, while another
     * user votes as usual on both.
     */
    @Test
    void aFloodFromOneUserIsCutOffOnBothNodesWhileOthersVote() {
        JsonObject poll =
                create(onA("author"), poll("Flooded", "SINGLE", "Yes", "No").add("open", true));
        String id = poll.getString("id");
        String option = optionIds(poll)[0];
        // Its voting budget stays used up for a while after this test: Voters.everyone() waits for it.
        String flooder = Voters.freshToExhaust();
        long refusedBefore = Metrics.value("intrapoll_rate_limited_total", "budget=\"vote\"", "scope=\"user\"");
        Map<Integer, Integer> statuses = new HashMap<>();
        Api.Reply refusedOnA = null;
        Api.Reply refusedOnB = null;
        for (int i = 0; i < 150; i++) {
            boolean toA = i % 2 == 0;
            Api.Reply reply = vote(toA ? onA(flooder) : onB(flooder), id, option);
            statuses.merge(reply.status(), 1, Integer::sum);
            if (reply.status() == 429) {
                if (toA) {
                    refusedOnA = reply;
                } else {
                    refusedOnB = reply;
                }
            }
        }
        assertEquals(1, statuses.get(202), statuses::toString);
        int served = 150 - statuses.getOrDefault(429, 0);
        assertTrue(served >= 60 && served < 90, "about one budget served across both nodes: " + statuses);
        for (Api.Reply refused : new Api.Reply[] {refusedOnA, refusedOnB}) {
            assertNotNull(refused, "both nodes refuse the flood");
            ProblemAssertions.assertProblem(429, "too-many-requests", refused);
            assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1, refused::toString);
        }
        String other = Voters.fresh();
        assertEquals(202, vote(onA(other), id, option).status(), "another user is unaffected on A");
        assertEquals(202, vote(onB(Voters.fresh()), id, option).status(), "and on B");
        assertEquals(200, onB(other).get("/api/v1/polls/" + id).status());
        assertTrue(
                Metrics.value("intrapoll_rate_limited_total", "budget=\"vote\"", "scope=\"user\"") > refusedBefore,
                "refusals are counted in /metrics");
        awaitCounted(onA("author"), id, 3);
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> votes) {
        Map<String, Long> nonZero = new HashMap<>(votes);
        nonZero.values().removeIf(count -> count == 0);
        return nonZero;
    }
}
