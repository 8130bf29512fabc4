package io.intrapoll.vote;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.poll;
import static io.intrapoll.support.TestPolls.singleChoice;
import static io.intrapoll.support.Votes.awaitCounted;
import static io.intrapoll.support.Votes.optionIds;
import static io.intrapoll.support.Votes.vote;
import static io.intrapoll.support.Votes.votesPerOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many people at once, and one person many times at once: every accepted ballot counted exactly once. */
class ConcurrentVotingIT extends AgainstTheServer {

    /** The whole demo registry. */
    private static final int VOTERS = 1000;

    private final Api author = Api.as("author");

    @Test
    void thousandDistinctVotersAreCountedExactlyAsAccepted() throws Exception {
        JsonObject poll = create(
                author,
                poll("All hands", "SINGLE", "Red", "Green", "Blue", "Yellow").add("open", true));
        String id = poll.getString("id");
        String[] options = optionIds(poll);
        List<String> voters = Voters.everyone();
        List<Callable<String>> ballots = new ArrayList<>();
        for (int i = 0; i < voters.size(); i++) {
            String voter = voters.get(i);
            String option = options[i % options.length];
            ballots.add(() -> vote(Api.as(voter), id, option).status() == 202 ? option : null);
        }
        Map<String, Long> accepted = new HashMap<>();
        for (String option : runTogether(ballots, 64)) {
            if (option != null) {
                accepted.merge(option, 1L, Long::sum);
            }
        }
        long total = accepted.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(VOTERS, total, "every distinct voter is accepted");
        JsonObject results = awaitCounted(author, id, total);
        Votes.sleep(1000); // nothing more arrives
        results = author.get("/api/v1/polls/" + id + "/results").json();
        assertEquals(total, results.getJsonNumber("totalBallots").longValue());
        for (String option : options) {
            assertEquals(
                    accepted.getOrDefault(option, 0L), votesPerOption(results).get(option), option);
        }
        assertEquals(
                List.of(List.of(String.valueOf(VOTERS))),
                TestDatabase.rows("SELECT COUNT(*) FROM ballot WHERE poll_id = ?", id));
    }

    @Test
    void thirtyIdenticalVotesAtOnceCountOnce() throws Exception {
        JsonObject poll = create(author, singleChoice("Eager voter").add("open", true));
        String id = poll.getString("id");
        String option = optionIds(poll)[0];
        Api voter = Api.as(Voters.fresh());
        List<Callable<String>> same = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            same.add(() -> String.valueOf(vote(voter, id, option).status()));
        }
        List<String> statuses = runTogether(same, 30);
        assertEquals(1, statuses.stream().filter("202"::equals).count(), statuses::toString);
        assertEquals(29, statuses.stream().filter("409"::equals).count(), statuses::toString);
        awaitCounted(author, id, 1);
        Votes.sleep(500);
        assertEquals(1, author.get("/api/v1/polls/" + id + "/results").json().getInt("totalBallots"));
    }

    @Test
    void thirtyIdenticalVotesWithOneIdempotencyKeyShareOneReceipt() throws Exception {
        JsonObject poll = create(author, singleChoice("Retrying client").add("open", true));
        String id = poll.getString("id");
        String option = optionIds(poll)[1];
        Api client = Api.as(Voters.fresh()).with("Idempotency-Key", "all-hands-42");
        List<Callable<String>> same = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            same.add(() -> {
                Api.Reply reply = vote(client, id, option);
                return reply.status() == 202 ? reply.string("receiptId") : "status " + reply.status();
            });
        }
        Set<String> receipts = new HashSet<>(runTogether(same, 30));
        assertEquals(1, receipts.size(), receipts::toString);
        assertTrue(!receipts.iterator().next().startsWith("status"), receipts::toString);
        awaitCounted(author, id, 1);
        Votes.sleep(500);
        assertEquals(1, author.get("/api/v1/polls/" + id + "/results").json().getInt("totalBallots"));
    }

    @Test
    void aCrowdRatingAndAnsweringAtOnceIsCountedExactlyAsAccepted() throws Exception {
        String rating = create(
                        author,
                        Json.createObjectBuilder()
                                .add("title", "Rate the quarter")
                                .add("type", "RATING")
                                .add("allowVoteChange", true)
                                .add("open", true))
                .getString("id");
        String text = create(
                        author,
                        Json.createObjectBuilder()
                                .add("title", "One word for the quarter")
                                .add("type", "OPEN_TEXT")
                                .add("open", true))
                .getString("id");
        List<String> crowd = Voters.crowd(300);
        List<String> words = List.of("growth", "focus", "launch", "hiring");
        List<Callable<String>> ballots = new ArrayList<>();
        for (int i = 0; i < crowd.size(); i++) {
            int value = i % 5 + 1;
            String word = words.get(i % words.size());
            // As the pages do: each ballot with its Idempotency-Key, asked again after a 503 ("try again: a retry never
            // counts twice"), which a burst on a freshly deployed server on two cores may meet.
            Api rater = Api.as(crowd.get(i))
                    .with("Idempotency-Key", UUID.randomUUID().toString());
            Api writer = Api.as(crowd.get(i))
                    .with("Idempotency-Key", UUID.randomUUID().toString());
            ballots.add(() -> outcome(() -> rate(rater, rating, value), "rating " + value));
            ballots.add(() -> outcome(
                    () -> writer.post("/api/v1/polls/" + text + "/votes", "{\"text\": \"Quarter of " + word + "\"}")
                            .status(),
                    "word " + word));
        }
        List<String> outcomes = runTogether(ballots, 64);
        assertEquals(
                0,
                outcomes.stream()
                        .filter(outcome -> outcome.startsWith("refused"))
                        .count(),
                outcomes::toString);
        // Then a tenth of the crowd changes its rating, each twice at the same moment (to 5 and to 1): one change
        // or both are accepted, and whichever is the latest accepted is what counts.
        List<Callable<String>> changes = new ArrayList<>();
        for (int i = 0; i < crowd.size(); i += 10) {
            Api voter = Api.as(crowd.get(i));
            changes.add(() -> String.valueOf(rate(voter, rating, 5)));
            changes.add(() -> String.valueOf(rate(voter, rating, 1)));
        }
        List<String> changed = runTogether(changes, 60);
        assertTrue(
                changed.stream().allMatch(status -> status.equals("202") || status.equals("409")), changed::toString);
        assertTrue(changed.contains("202"), changed::toString);

        Map<String, Long> accepted = new HashMap<>();
        outcomes.forEach(outcome -> accepted.merge(outcome, 1L, Long::sum));
        JsonObject ratings = awaitCounted(author, rating, crowd.size());
        JsonObject answers = awaitCounted(author, text, crowd.size());
        Votes.sleep(1000);
        ratings = author.get("/api/v1/polls/" + rating + "/results").json();
        answers = author.get("/api/v1/polls/" + text + "/results").json();
        assertEquals(crowd.size(), ratings.getInt("totalBallots"), "a change replaces, never adds");
        // Each voter's counted rating is the one their latest accepted ballot holds.
        Map<Integer, Long> expected = new HashMap<>();
        for (String voter : crowd) {
            int mine = Api.as(voter)
                    .get("/api/v1/polls/" + rating + "/votes/mine")
                    .json()
                    .getInt("rating");
            expected.merge(mine, 1L, Long::sum);
        }
        for (var value : ratings.getJsonArray("distribution")) {
            int v = value.asJsonObject().getInt("value");
            assertEquals(
                    expected.getOrDefault(v, 0L),
                    value.asJsonObject().getJsonNumber("votes").longValue(),
                    "rating " + v + " (" + accepted + ")");
        }
        assertEquals(crowd.size(), answers.getInt("totalBallots"));
        Map<String, Long> counted = new HashMap<>();
        answers.getJsonArray("words")
                .forEach(word -> counted.put(
                        word.asJsonObject().getString("word"),
                        word.asJsonObject().getJsonNumber("count").longValue()));
        Map<String, Long> expectedWords = new HashMap<>();
        expectedWords.put("quarter", (long) crowd.size());
        words.forEach(word -> expectedWords.put(word, accepted.get("word " + word)));
        assertEquals(expectedWords, counted);
    }

    /** What a ballot came to: its label once accepted (a 503 asked again, twice at most), else "refused <status>". */
    private static String outcome(Callable<Integer> send, String accepted) throws Exception {
        int status = send.call();
        for (int retry = 0; retry < 2 && status == 503; retry++) {
            Thread.sleep(1000);
            status = send.call();
        }
        return status == 202 ? accepted : "refused " + status;
    }

    private static int rate(Api voter, String pollId, int value) {
        return voter.post("/api/v1/polls/" + pollId + "/votes", "{\"rating\": " + value + "}")
                .status();
    }

    private static <T> List<T> runTogether(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
