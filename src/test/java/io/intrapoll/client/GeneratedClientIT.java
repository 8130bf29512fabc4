package io.intrapoll.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated from the server's /openapi by openapi-generator's Maven plugin, used for a whole poll: the
 * build in src/test/generated-client generates it from the integration-test server's document, compiles it and runs
 * its walk-through (create, change, open, vote, follow the results stream, close). This test runs that build and
 * then checks, without the generated code, that the server holds what the walk-through did.
 */
class GeneratedClientIT extends AgainstTheServer {

    private static final Path BUILD = Path.of(setting("generated.client.directory"));

    @Test
    void aClientGeneratedFromOpenApiRunsAPollFromCreationToFinalResults() throws Exception {
        Path log = Files.createDirectories(BUILD).resolve("build.log");
        Path report = BUILD.resolve("walkthrough.properties");
        Files.deleteIfExists(report); // an earlier run's
        List<String> command = List.of(
                Path.of(setting("maven.home"), "bin", "mvn").toString(),
                "-B",
                "-f",
                setting("generated.client.pom"),
                "verify",
                "-Dintrapoll.url=" + Api.itServer(),
                "-Dclient.build.directory=" + BUILD,
                "-Dmaven.repo.local=" + setting("maven.repo.local"));
        Process build = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!build.waitFor(5, TimeUnit.MINUTES)) {
            build.descendants().forEach(ProcessHandle::destroyForcibly); // its test JVM too
            build.destroyForcibly().waitFor();
            throw new AssertionError("the generated client's build took more than 5 minutes:\n" + tail(log));
        }
        assertEquals(0, build.exitValue(), () -> "the generated client's build failed:\n" + tail(log));

        Properties walkthrough = new Properties();
        try (InputStream in = Files.newInputStream(report)) {
            walkthrough.load(in);
        }
        String pollId = walkthrough.getProperty("pollId");
        Api voter = Api.as("voter1");
        JsonObject results = voter.get("/api/v1/polls/" + pollId + "/results").json();
        assertEquals("CLOSED", results.getString("status"));
        assertTrue(results.getBoolean("final"));
        assertEquals(1, results.getInt("totalBallots"));
        JsonObject receipt =
                voter.get("/api/v1/polls/" + pollId + "/votes/mine").json();
        assertEquals(walkthrough.getProperty("receiptId"), receipt.getString("receiptId"));
        JsonObject poll = voter.get("/api/v1/polls/" + pollId).json();
        assertEquals("Friday lunch, generated", poll.getString("title"));
        assertTrue(poll.getBoolean("allowVoteChange"), "the change left the other fields as they were");
    }

    /** A setting the build hands the tests (pom.xml, failsafe's systemPropertyVariables). */
    private static String setting(String name) {
        return Objects.requireNonNull(
                System.getProperty(name), () -> name + " is not set: run this test with mvn verify");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
