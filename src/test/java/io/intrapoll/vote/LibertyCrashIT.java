package io.intrapoll.vote;

import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.Votes.optionIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.Api;
import io.intrapoll.support.LibertyServer;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import io.intrapoll.support.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A Liberty node (PostgreSQL, the external broker) is killed with SIGKILL while votes flow, then restarted:
 * clients that retry with their Idempotency-Key all get through, and every 202 is counted exactly once. Ballots
 * its aggregator was counting when it died are redelivered, and a webhook delivery being retried is delivered once.
 */
class LibertyCrashIT {

    private static final LibertyServer NODE = new LibertyServer(
            System.getProperty("crash.it.server", "intrapoll-crash"), Integer.getInteger("crash.it.http.port", 9183));
    private static final int VOTERS = 300;

    @AfterAll
    static void stopNode() {
        NODE.stop();
    }

    /**
     * One kill for two things that must survive it (a restart costs a minute on two cores): the votes in flight and
     * a webhook delivery being retried.
     */
    @Test
    void everyAcceptedVoteAndAPendingWebhookDeliverySurviveAKillDashNine() throws Exception {
        NODE.ensureReady();
        // Refusals for about 40 s at the test server's retry delays (1, 1, 2, 2, ... s): still refusing when the
        // node dies, however slowly the votes before the kill go.
        Integer[] refusals = java.util.Collections.nCopies(20, 503).toArray(Integer[]::new);
        try (WebhookReceiver receiver = new WebhookReceiver().answering(refusals)) {
            Api author = NODE.as("author");
            everyAcceptedVoteSurvives(author, receiver);
        }
    }

    private void everyAcceptedVoteSurvives(Api author, WebhookReceiver receiver) throws Exception {
        Api.Reply created = author.post(
                "/api/v1/polls",
                poll("Crash", "SINGLE", "Up", "Down").add("open", true).build().toString());
        assertEquals(201, created.status(), created::toString);
        JsonObject poll = created.json();
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        // An anonymous poll beside it: its ballots travel in two halves (participation, delayed choices), and a
        // retry whose first sending the broker holds already must count neither twice.
        Api.Reply createdAnonymous = author.post(
                "/api/v1/polls",
                poll("Crash, anonymously", "SINGLE", "Left", "Right")
                        .add("anonymous", true)
                        .add("open", true)
                        .build()
                        .toString());
        assertEquals(201, createdAnonymous.status(), createdAnonymous::toString);
        String anonymousId = createdAnonymous.json().getString("id");
        String[] anonymousOptions = optionIds(createdAnonymous.json());
        Map<String, Integer> anonymousStatusByVoter = new ConcurrentHashMap<>();
        // A rating and an open-text poll beside them: their ballots are a value and a text, counted the same way.
        String ratingId = created(
                author,
                Json.createObjectBuilder()
                        .add("title", "Crash, rated")
                        .add("type", "RATING")
                        .add("open", true));
        String textId = created(
                author,
                Json.createObjectBuilder()
                        .add("title", "Crash, in words")
                        .add("type", "OPEN_TEXT")
                        .add("open", true));
        Map<String, Integer> ratingByVoter = new ConcurrentHashMap<>();
        Map<String, Integer> ratingStatusByVoter = new ConcurrentHashMap<>();
        Map<String, Integer> textStatusByVoter = new ConcurrentHashMap<>();

        // Made after the polls above, so that only its own poll's announcement waits on the refusing receiver.
        PendingDelivery webhook = pendingDelivery(receiver);

        Map<String, Integer> statusByVoter = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        java.util.Set<String> retried = ConcurrentHashMap.newKeySet();
        List<String> crowd = Voters.crowd(VOTERS);
        ExecutorService voters = Executors.newFixedThreadPool(6);
        for (int i = 0; i < crowd.size(); i++) {
            String voter = crowd.get(i);
            String option = options[i % 2];
            String anonymousOption = anonymousOptions[i % 2];
            int rating = i % 5 + 1;
            String word = WORDS.get(i % WORDS.size());
            voters.submit(() -> {
                statusByVoter.put(voter, voteUntilAnswered(voter, "crash-", id, options(option), retried));
                anonymousStatusByVoter.put(
                        voter,
                        voteUntilAnswered(voter, "crash-anonymous-", anonymousId, options(anonymousOption), retried));
                ratingByVoter.put(voter, rating);
                ratingStatusByVoter.put(
                        voter,
                        voteUntilAnswered(voter, "crash-rating-", ratingId, "{\"rating\": " + rating + "}", retried));
                textStatusByVoter.put(
                        voter,
                        voteUntilAnswered(voter, "crash-text-", textId, "{\"text\": \"Crash " + word + "\"}", retried));
                answered.incrementAndGet();
                Votes.sleep(20);
            });
        }
        awaitAnswers(answered, 80);
        webhook.assertNotDeliveredYet();
        NODE.kill();
        Votes.sleep(3000); // votes find the node gone and keep retrying
        NODE.startAndAwaitReady();
        voters.shutdown();
        assertTrue(voters.awaitTermination(5, TimeUnit.MINUTES));

        List<String> accepted = statusByVoter.entrySet().stream()
                .filter(entry -> entry.getValue() == 202)
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(VOTERS, accepted.size(), "every voter got through in the end: " + statusByVoter);
        assertTrue(!retried.isEmpty(), "the crash was seen by clients");
        Votes.awaitCounted(author, id, accepted.size());
        Votes.sleep(2000);
        Map<String, Long> ballotsPerVoter = new HashMap<>();
        for (List<String> row :
                TestDatabase.rows("SELECT voter, COUNT(*) FROM ballot WHERE poll_id = ? GROUP BY voter", id)) {
            ballotsPerVoter.put(row.get(0), Long.parseLong(row.get(1)));
        }
        for (String voter : accepted) {
            assertEquals(1L, ballotsPerVoter.get(voter), voter + " got a 202 and must be counted once");
        }
        assertTrue(ballotsPerVoter.values().stream().allMatch(count -> count == 1), "nobody counted twice");
        long counted =
                ballotsPerVoter.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(
                counted,
                author.get("/api/v1/polls/" + id + "/results")
                        .json()
                        .getJsonNumber("totalBallots")
                        .longValue());

        // The anonymous poll: nothing joins a ballot to its voter, so each 202 is one participation and the
        // ballots are exactly as many, in the tallies too.
        assertTrue(
                anonymousStatusByVoter.values().stream().allMatch(status -> status == 202),
                "every voter got through in the anonymous poll: " + anonymousStatusByVoter);
        Votes.awaitCounted(author, anonymousId, VOTERS);
        Votes.sleep(4000); // beyond the longest delay of a choices half: a second count of one would show
        assertEquals(
                List.of(List.of(String.valueOf(VOTERS))),
                TestDatabase.rows("SELECT COUNT(*) FROM participation WHERE poll_id = ?", anonymousId));
        assertEquals(
                List.of(List.of(String.valueOf(VOTERS))),
                TestDatabase.rows("SELECT COUNT(*) FROM ballot WHERE poll_id = ?", anonymousId),
                "one ballot per participation");
        assertEquals(
                VOTERS,
                author.get("/api/v1/polls/" + anonymousId + "/results")
                        .json()
                        .getJsonNumber("totalBallots")
                        .longValue());

        assertRatingsAndWordsCountedOnce(
                author, ratingId, ratingStatusByVoter, ratingByVoter, textId, textStatusByVoter);
        webhook.assertDeliveredOnce();
    }

    /** The rating and open-text polls: each 202 one counted ballot, its value or its words counted once. */
    private static void assertRatingsAndWordsCountedOnce(
            Api author,
            String ratingId,
            Map<String, Integer> ratingStatusByVoter,
            Map<String, Integer> ratingByVoter,
            String textId,
            Map<String, Integer> textStatusByVoter)
            throws java.sql.SQLException {
        assertTrue(
                ratingStatusByVoter.values().stream().allMatch(status -> status == 202), ratingStatusByVoter::toString);
        assertTrue(textStatusByVoter.values().stream().allMatch(status -> status == 202), textStatusByVoter::toString);
        JsonObject ratings = Votes.awaitCounted(author, ratingId, VOTERS);
        JsonObject words = Votes.awaitCounted(author, textId, VOTERS);
        Votes.sleep(2000);
        ratings = author.get("/api/v1/polls/" + ratingId + "/results").json();
        words = author.get("/api/v1/polls/" + textId + "/results").json();
        assertEquals(VOTERS, ratings.getInt("totalBallots"));
        for (JsonValue value : ratings.getJsonArray("distribution")) {
            int rating = value.asJsonObject().getInt("value");
            long expected =
                    ratingByVoter.values().stream().filter(r -> r == rating).count();
            assertEquals(expected, value.asJsonObject().getJsonNumber("votes").longValue(), "rating " + rating);
        }
        assertEquals(
                List.of(List.of(String.valueOf(VOTERS))),
                TestDatabase.rows("SELECT COUNT(DISTINCT voter) FROM ballot WHERE poll_id = ?", ratingId));
        assertEquals(VOTERS, words.getInt("totalBallots"));
        Map<String, Integer> counted = new HashMap<>();
        words.getJsonArray("words")
                .forEach(word -> counted.put(
                        word.asJsonObject().getString("word"),
                        word.asJsonObject().getInt("count")));
        Map<String, Integer> expected = new HashMap<>();
        expected.put("crash", VOTERS);
        for (int i = 0; i < VOTERS; i++) {
            expected.merge(WORDS.get(i % WORDS.size()), 1, Integer::sum);
        }
        assertEquals(expected, counted, "every answer's words counted once");
        assertEquals(
                List.of(List.of(String.valueOf(VOTERS))),
                TestDatabase.rows("SELECT COUNT(*) FROM ballot WHERE poll_id = ?", textId));
    }

    private static final List<String> WORDS = List.of("alpha", "bravo", "charlie");

    private static String options(String option) {
        return "{\"optionIds\": [\"" + option + "\"]}";
    }

    private static String created(Api author, jakarta.json.JsonObjectBuilder poll) {
        Api.Reply created = author.post("/api/v1/polls", poll.build().toString());
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    /**
     * A webhook whose receiver refuses (503) the announcement of a poll opened for it: the delivery is being retried
     * when the node dies, its next attempt waiting on the broker and the delivery in PostgreSQL.
     */
    private static PendingDelivery pendingDelivery(WebhookReceiver receiver) {
        Api admin = NODE.as("admin");
        Api.Reply webhook = admin.post(
                "/api/v1/admin/webhooks", "{\"url\": \"" + receiver.url() + "\", \"events\": [\"poll.opened\"]}");
        assertEquals(201, webhook.status(), webhook::toString);
        String pollId = NODE.as("author")
                .post(
                        "/api/v1/polls",
                        poll("Announced before a crash", "SINGLE", "a", "b")
                                .add("open", true)
                                .build()
                                .toString())
                .json()
                .getString("id");
        WebhookReceiver.Received refused = receiver.await(
                request -> request.json().getJsonObject("data").getString("id").equals(pollId),
                java.time.Duration.ofSeconds(30));
        assertTrue(refused != null && refused.answered() == 503, "a first attempt, refused: " + receiver.received());
        return new PendingDelivery(admin, receiver, webhook.json().getString("id"), refused);
    }

    private record PendingDelivery(
            Api admin, WebhookReceiver receiver, String webhookId, WebhookReceiver.Received refused) {

        void assertNotDeliveredYet() {
            assertTrue(
                    receiver.received().stream().noneMatch(request -> request.answered() == 200),
                    "not delivered before the node died: " + receiver.received());
        }

        /** Delivered after the restart, taken once by the receiver, and the delivery marked so. */
        void assertDeliveredOnce() {
            WebhookReceiver.Received delivered = receiver.await(
                    request -> request.id().equals(refused.id()) && request.answered() == 200,
                    java.time.Duration.ofSeconds(120));
            assertTrue(delivered != null, "delivered after the restart: " + receiver.received());
            Votes.sleep(4000);
            assertEquals(
                    1,
                    receiver.received().stream()
                            .filter(request -> request.answered() == 200)
                            .count(),
                    "taken once: " + receiver.received());
            assertEquals(
                    "DELIVERED",
                    admin.get("/api/v1/admin/webhooks/" + webhookId + "/deliveries")
                            .json()
                            .getJsonArray("items")
                            .getJsonObject(0)
                            .getString("status"));
            admin.delete("/api/v1/admin/webhooks/" + webhookId);
        }
    }

    /** As a careful client does: retries a lost or refused request with the same Idempotency-Key. */
    private static int voteUntilAnswered(
            String voter, String keyPrefix, String pollId, String body, java.util.Set<String> retried) {
        Api client = NODE.as(voter).with("Idempotency-Key", keyPrefix + voter);
        int status = -1;
        for (int attempt = 0; attempt < 240 && retryable(status); attempt++) {
            if (attempt > 0) {
                retried.add(voter);
                Votes.sleep(500);
            }
            try {
                Api.Reply reply = client.post("/api/v1/polls/" + pollId + "/votes", body);
                // While the restarted node's application is still starting, the server answers 404
                // without problem+json: the node is not there yet.
                status = reply.status() == 404 && !reply.isProblem() ? -1 : reply.status();
            } catch (RuntimeException connectionLost) {
                status = -1;
            }
        }
        return status;
    }

    /** Lost connections, a node still starting and 503s are worth another try; anything else is an answer. */
    private static boolean retryable(int status) {
        return status == -1 || status == 503;
    }

    private static void awaitAnswers(AtomicInteger answered, int count) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (answered.get() < count && System.currentTimeMillis() < deadline) {
            Votes.sleep(20);
        }
    }
}
