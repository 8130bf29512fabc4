package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.Api;
import io.intrapoll.support.Https;
import io.intrapoll.support.LibertyServer;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's embedded default (H2, embedded broker, demo registry, demo polls; no PostgreSQL, nothing
 * installed) starts, is ready, and takes votes. The build prepares that server as `mvn liberty:run` does, on
 * its own ports; this test starts and stops it.
 */
class EmbeddedDefaultIT {

    private static final LibertyServer SERVER = new LibertyServer(
            System.getProperty("embedded.it.server", "intrapoll-embedded"),
            Integer.getInteger("embedded.it.http.port", 9182));

    private static final int KILLED_WHILE_VOTING = 150;

    @BeforeAll
    static void startServer() {
        SERVER.startAndAwaitReady();
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop();
    }

    @Test
    void readyOnTheEmbeddedDatabaseAndBroker() {
        Api.Reply ready = Api.at(SERVER.base(), null).get("/health/ready");
        assertEquals(200, ready.status());
        JsonObject checks = ready.json();
        assertTrue(checks.toString().contains("\"H2\""), checks::toString);
        assertTrue(checks.toString().contains("\"broker\""), checks::toString);
    }

    /** HTTPS answers with the key Liberty generated at the first start: the API, the same as over HTTP. */
    @Test
    void httpsPortServesTheApiWithAGeneratedKey() throws Exception {
        HttpClient client = Https.trustingClient();
        String voter = Voters.fresh();
        URI https = URI.create("https://127.0.0.1:" + Integer.getInteger("embedded.it.https.port", 9544));
        HttpResponse<String> me = client.send(
                HttpRequest.newBuilder(https.resolve("/api/v1/me"))
                        .header("Authorization", Api.basicAuthorization(voter))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), me::body);
        assertTrue(me.body().contains("\"name\":\"" + voter + "\""), me::body);
        String protocol = me.sslSession().orElseThrow().getProtocol();
        assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"), protocol);
    }

    @Test
    void demoPollsAndDemoUsersAreThere() {
        // An engineer: one of the three open demo polls is for engineering only.
        JsonObject page = SERVER.as(Voters.freshEngineer())
                .get("/api/v1/polls?status=OPEN")
                .json();
        assertTrue(page.getInt("total") >= 3, page::toString);
        assertEquals(200, SERVER.as("author").get("/api/v1/polls/demo-lunch").status());
    }

    @Test
    void authorCanCreateOpenAndCloseAPoll() {
        Api author = SERVER.as("author");
        Api.Reply created = author.post(
                "/api/v1/polls", "{\"title\": \"Embedded\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"]}");
        assertEquals(201, created.status(), created::toString);
        String id = created.string("id");
        assertEquals("OPEN", author.post("/api/v1/polls/" + id + "/open").string("status"));
        assertEquals("CLOSED", author.post("/api/v1/polls/" + id + "/close").string("status"));
    }

    @Test
    void voterVotesAndSeesTheResultWithinASecond() {
        Api voter = SERVER.as(Voters.fresh());
        Api.Reply accepted = Votes.vote(voter, "demo-lunch", "demo-lunch-sushi");
        assertEquals(202, accepted.status(), accepted::toString);
        long deadline = System.currentTimeMillis() + 1000;
        long sushi = 0;
        while (System.currentTimeMillis() < deadline && sushi == 0) {
            sushi = Votes.votesPerOption(
                            voter.get("/api/v1/polls/demo-lunch/results").json())
                    .get("demo-lunch-sushi");
        }
        assertEquals(1, sushi, "counted within a second");
    }

    /**
     * The embedded default keeps what it was given: a poll created and the votes taken before a SIGKILL are all there
     * after a start with the README's command, every 202 counted exactly once (H2 on disk, the broker's journal).
     */
    @Test
    void pollsAndEveryAcceptedVoteSurviveAKillDashNine() throws Exception {
        Api author = SERVER.as("author");
        Api.Reply created = author.post(
                "/api/v1/polls",
                "{\"title\": \"Kept\", \"type\": \"SINGLE\", \"options\": [\"Up\", \"Down\"], \"open\": true}");
        assertEquals(201, created.status(), created::toString);
        String id = created.string("id");
        String[] options = Votes.optionIds(created.json());
        Map<String, String> choiceByVoter = new ConcurrentHashMap<>();
        Map<String, Integer> statusByVoter = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        List<String> crowd = Voters.crowd(KILLED_WHILE_VOTING);
        ExecutorService voting = Executors.newFixedThreadPool(6);
        for (int i = 0; i < crowd.size(); i++) {
            String voter = crowd.get(i);
            String option = options[i % 2];
            choiceByVoter.put(voter, option);
            voting.submit(() -> {
                // A careful client: a lost or refused request is sent again with the same Idempotency-Key.
                Api client = SERVER.as(voter).with("Idempotency-Key", "kept-" + voter);
                int status = -1;
                for (int attempt = 0; attempt < 240 && (status == -1 || status == 503); attempt++) {
                    if (attempt > 0) {
                        Votes.sleep(500);
                    }
                    try {
                        Api.Reply reply = Votes.vote(client, id, option);
                        // While the application is still starting the server answers 404 without problem+json.
                        status = reply.status() == 404 && !reply.isProblem() ? -1 : reply.status();
                    } catch (RuntimeException connectionLost) {
                        status = -1;
                    }
                }
                statusByVoter.put(voter, status);
                answered.incrementAndGet();
            });
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (answered.get() < KILLED_WHILE_VOTING / 3 && System.currentTimeMillis() < deadline) {
            Votes.sleep(20);
        }
        SERVER.kill();
        Votes.sleep(2000);
        SERVER.startAndAwaitReady();
        voting.shutdown();
        assertTrue(voting.awaitTermination(5, TimeUnit.MINUTES));

        assertEquals(200, author.get("/api/v1/polls/" + id).status(), "the poll is still there");
        assertTrue(statusByVoter.values().stream().allMatch(status -> status == 202), statusByVoter::toString);
        JsonObject results = Votes.awaitCounted(author, id, KILLED_WHILE_VOTING);
        Votes.sleep(2000); // a ballot counted twice would show up meanwhile
        results = author.get("/api/v1/polls/" + id + "/results").json();
        assertEquals(KILLED_WHILE_VOTING, results.getJsonNumber("totalBallots").longValue(), "each counted once");
        Map<String, Long> expected = new HashMap<>();
        choiceByVoter.values().forEach(option -> expected.merge(option, 1L, Long::sum));
        assertEquals(expected, Votes.votesPerOption(results));
        for (String voter : crowd) {
            Api.Reply mine = SERVER.as(voter).get("/api/v1/polls/" + id + "/votes/mine");
            assertEquals(200, mine.status(), voter + ": " + mine);
        }
    }
}
