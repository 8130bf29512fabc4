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
}
