package io.intrapoll.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Voting and reading results through the API, for tests. */
public final class Votes {

    private static final Duration COUNTING_PATIENCE = Duration.ofSeconds(30);

    private Votes() {}

    public static Api.Reply vote(Api voter, String pollId, String... optionIds) {
        StringBuilder body = new StringBuilder("{\"optionIds\": [");
        for (int i = 0; i < optionIds.length; i++) {
            body.append(i == 0 ? "" : ", ").append('"').append(optionIds[i]).append('"');
        }
        return voter.post(
                "/api/v1/polls/" + pollId + "/votes", body.append("]}").toString());
    }

    /** Waits until the poll's results count this many ballots (as the owner sees them), and returns them. */
    public static JsonObject awaitCounted(Api owner, String pollId, long ballots) {
        return awaitCounted(owner, pollId, ballots, COUNTING_PATIENCE);
    }

    /** As {@link #awaitCounted(Api, String, long)}, with the given patience. */
    public static JsonObject awaitCounted(Api owner, String pollId, long ballots, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        JsonObject results = null;
        while (Instant.now().isBefore(deadline)) {
            results = owner.get("/api/v1/polls/" + pollId + "/results").json();
            if (results.getJsonNumber("totalBallots").longValue() >= ballots) {
                return results;
            }
            sleep(100);
        }
        throw new AssertionError("not counted within " + patience + ": expected " + ballots + ", got " + results);
    }

    /** Closes the poll as its owner and waits until its results are final (every accepted ballot counted). */
    public static JsonObject closeAndAwaitFinal(Api owner, String pollId, long ballots) {
        awaitCounted(owner, pollId, ballots);
        Api.Reply closed = owner.post("/api/v1/polls/" + pollId + "/close");
        assertEquals("CLOSED", closed.string("status"), closed::toString);
        Instant deadline = Instant.now().plus(COUNTING_PATIENCE);
        JsonObject results = owner.get("/api/v1/polls/" + pollId + "/results").json();
        while (!results.getBoolean("final", false) && Instant.now().isBefore(deadline)) {
            sleep(200);
            results = owner.get("/api/v1/polls/" + pollId + "/results").json();
        }
        assertTrue(results.getBoolean("final", false), results::toString);
        return results;
    }

    /** Option id -> votes, from a results body. */
    public static Map<String, Long> votesPerOption(JsonObject results) {
        Map<String, Long> votes = new HashMap<>();
        results.getJsonArray("options").stream()
                .map(JsonValue::asJsonObject)
                .forEach(option -> votes.put(
                        option.getString("id"), option.getJsonNumber("votes").longValue()));
        return votes;
    }

    /** The poll's option ids, in order. */
    public static String[] optionIds(JsonObject poll) {
        return poll.getJsonArray("options").stream()
                .map(option -> option.asJsonObject().getString("id"))
                .toArray(String[]::new);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
