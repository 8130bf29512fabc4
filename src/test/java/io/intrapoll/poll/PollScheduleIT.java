package io.intrapoll.poll;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A schedule opens and closes a poll by itself, within a few seconds of its times. */
class PollScheduleIT extends AgainstTheServer {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final Api author = Api.as("author");

    @Test
    void scheduledPollOpensAndClosesByItself() throws InterruptedException {
        Instant opensAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Instant closesAt = opensAt.plusSeconds(3);
        String id = create(
                        author,
                        singleChoice("Scheduled")
                                .add("opensAt", opensAt.toString())
                                .add("closesAt", closesAt.toString()))
                .getString("id");
        assertEquals("DRAFT", author.get("/api/v1/polls/" + id).string("status"));

        Instant opened = awaitStatus(id, "OPEN");
        Instant closed = awaitStatus(id, "CLOSED");
        assertEquals(true, !opened.isBefore(opensAt), "not opened early");
        assertEquals(true, !closed.isBefore(closesAt), "not closed early");
        assertEquals(
                true,
                Duration.between(closesAt, closed).compareTo(Duration.ofSeconds(5)) < 0,
                "closed within a few seconds of closesAt");
    }

    @Test
    void scheduleActsOnlyOnce() throws InterruptedException {
        Instant closesAt = Instant.now().plusSeconds(2);
        String id = create(author, singleChoice("Closes once").add("open", true).add("closesAt", closesAt.toString()))
                .getString("id");
        awaitStatus(id, "CLOSED");
        assertEquals("OPEN", author.post("/api/v1/polls/" + id + "/open").string("status"), "reopened by hand");
        Thread.sleep(2_000); // several schedule periods
        assertEquals(
                "OPEN",
                author.get("/api/v1/polls/" + id).string("status"),
                "a closing time that has fired does not close the reopened poll again");
    }

    @Test
    void openingByHandSettlesTheOpeningTime() throws InterruptedException {
        Instant opensAt = Instant.now().plusSeconds(2);
        String id = create(author, singleChoice("Opened early").add("opensAt", opensAt.toString()))
                .getString("id");
        author.post("/api/v1/polls/" + id + "/open");
        author.post("/api/v1/polls/" + id + "/close");
        Thread.sleep(3_500);
        assertEquals(
                "CLOSED",
                author.get("/api/v1/polls/" + id).string("status"),
                "the opening time passed after a manual open and must not reopen the poll");
    }

    private Instant awaitStatus(String id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (status.equals(author.get("/api/v1/polls/" + id).string("status"))) {
                return Instant.now();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("poll " + id + " did not become " + status + " within " + PATIENCE);
    }
}
