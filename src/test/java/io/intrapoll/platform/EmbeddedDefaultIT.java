package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.Api;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's embedded default (H2, demo registry, demo polls; no PostgreSQL) starts and is ready. The build
 * prepares that server as `mvn liberty:run` does, on its own port; this test starts and stops it.
 */
class EmbeddedDefaultIT {

    private static final String SERVER = System.getProperty("embedded.it.server", "intrapoll-embedded");
    private static final URI BASE =
            URI.create("http://localhost:" + System.getProperty("embedded.it.http.port", "9182"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    @BeforeAll
    static void startServer() throws Exception {
        liberty("start");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Api.at(BASE, null).get("/health/ready").status() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("embedded server not ready within " + START_TIMEOUT);
    }

    @AfterAll
    static void stopServer() throws Exception {
        liberty("stop");
    }

    @Test
    void readyOnTheEmbeddedDatabase() {
        Api.Reply ready = Api.at(BASE, null).get("/health/ready");
        assertEquals(200, ready.status());
        JsonObject database = ready.array("checks").getJsonObject(0);
        assertEquals("UP", database.getString("status"));
        assertEquals("H2", database.getJsonObject("data").getString("product"));
    }

    @Test
    void demoPollsAndDemoUsersAreThere() {
        JsonObject page =
                Api.at(BASE, "voter1").get("/api/v1/polls?status=OPEN").json();
        assertTrue(page.getInt("total") >= 3, page::toString);
        assertEquals(200, Api.at(BASE, "author").get("/api/v1/polls/demo-lunch").status());
    }

    @Test
    void authorCanCreateOpenAndCloseAPoll() {
        Api author = Api.at(BASE, "author");
        Api.Reply created = author.post(
                "/api/v1/polls", "{\"title\": \"Embedded\", \"type\": \"SINGLE\", \"options\": [\"a\", \"b\"]}");
        assertEquals(201, created.status(), created::toString);
        String id = created.string("id");
        assertEquals("OPEN", author.post("/api/v1/polls/" + id + "/open").string("status"));
        assertEquals("CLOSED", author.post("/api/v1/polls/" + id + "/close").string("status"));
    }

    private static void liberty(String action) throws IOException, InterruptedException {
        File wlp = new File(System.getProperty("wlp.home", "target/liberty/wlp"));
        Process process = new ProcessBuilder(new File(wlp, "bin/server").getPath(), action, SERVER)
                .inheritIO()
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("server " + action + " timed out");
        }
    }
}
