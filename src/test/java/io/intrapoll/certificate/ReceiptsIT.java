package io.intrapoll.certificate;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.TestPolls.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.Browser;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Receipts anyone can check (API.md; issue 20 points 1 and 5), checked as an outsider would: every receipt's tracker
 * and the ballot's choices give its commitment; the certificate's ES256 signature is checked with jose4j against the
 * public JWKS; each voter's inclusion proof is walked with RFC 9162's algorithm ({@link IndependentVerifier}, none
 * of the server's code) to the signed root. A counted ballot changed in PostgreSQL after the close fails the check.
 */
class ReceiptsIT extends AgainstTheServer {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final Api author = Api.as("author");

    /** What a voter's device keeps: the receipt's tracker and the choices sent. */
    record Kept(String voter, String tracker, String choices) {
        String commitment() {
            return IndependentVerifier.commitment(tracker, choices);
        }
    }

    @Test
    void aClosedPollOf500BallotsWithChangedVotesChecksOut() throws Exception {
        JsonObject poll = create(
                author,
                TestPolls.poll("Certified lunch", "SINGLE", "Thai", "Pizza", "Sushi")
                        .add("allowVoteChange", true)
                        .add("open", true));
        String id = poll.getString("id");
        String[] options = Votes.optionIds(poll);
        List<String> voters = Voters.crowd(500);
        Map<String, Kept> kept = new ConcurrentHashMap<>();
        inParallel(voters, voter -> kept.put(voter, voteAndKeep(voter, id, options[voter.hashCode() & 1])));
        // Fifty change their vote: only the counted (last) ballot is a leaf, the first tracker's commitment none.
        List<Kept> replaced = new ArrayList<>();
        for (String voter : voters.subList(0, 50)) {
            replaced.add(kept.get(voter));
            kept.put(voter, voteAndKeep(voter, id, options[2]));
        }
        Votes.awaitCounted(author, id, 500, PATIENCE);
        close(id);

        JsonObject certificate = awaitCertificate(author, id);
        JsonObject payload = IndependentVerifier.verifiedPayload(certificate.getString("jws"), publicKeys());
        assertNotNull(payload, "the signature holds under a key of the JWKS");
        assertEquals(payload, certificate.getJsonObject("payload"), "the payload shown is the payload signed");
        assertEquals(id, payload.getString("pollId"));
        assertEquals(500, payload.getInt("totalBallots"));
        assertEquals(500, payload.getJsonObject("results").getInt("totalBallots"));
        assertTrue(payload.getJsonObject("results").getBoolean("final"));
        assertEquals(
                50,
                Votes.votesPerOption(payload.getJsonObject("results")).get(options[2]),
                "the changed votes are what is certified");
        assertTrue(payload.getString("definitionHash").matches("[0-9a-f]{64}"));
        assertNotNull(payload.getString("closedAt"));
        String root = payload.getString("merkleRoot");

        inParallel(voters, voter -> {
            Kept mine = kept.get(voter);
            JsonObject proof = proofOf(Api.as(voter), id, mine.commitment());
            assertEquals(500, proof.getInt("treeSize"));
            assertTrue(
                    IndependentVerifier.isIncluded(
                            mine.commitment(), proof.getInt("leafIndex"), 500, path(proof), root),
                    voter + "'s ballot is under the signed root");
        });
        for (Kept before : replaced) {
            assertProblem(
                    404,
                    "not-found",
                    Api.as(before.voter()).get("/api/v1/polls/" + id + "/proof/" + before.commitment()));
        }

        // Made once: every caller, every time, the same certificate, and one audit entry whose head it names.
        assertEquals(
                certificate.getString("jws"),
                awaitCertificate(Api.as(voters.get(7)), id).getString("jws"));
        List<List<String>> entries = TestDatabase.rows(
                "SELECT seq, hash, actor FROM audit_entry WHERE action = 'poll.certified' AND target = ?", id);
        assertEquals(1, entries.size(), "one signing recorded");
        JsonObject head = payload.getJsonObject("auditHead");
        assertEquals(
                entries.get(0).get(0), String.valueOf(head.getJsonNumber("seq").longValue()));
        assertEquals(entries.get(0).get(1), head.getString("hash"));
    }

    @Test
    void anAnonymousPollChecksOutToo() throws Exception {
        JsonObject poll = create(
                author,
                TestPolls.poll("Certified in secret", "SINGLE", "Yes", "No")
                        .add("anonymous", true)
                        .add("open", true));
        String id = poll.getString("id");
        String[] options = Votes.optionIds(poll);
        List<Kept> kept = new ArrayList<>();
        for (String voter : Voters.fresh(12)) {
            kept.add(voteAndKeep(voter, id, options[kept.size() % 3 == 0 ? 0 : 1]));
        }
        close(id);
        JsonObject certificate = awaitCertificate(author, id);
        JsonObject payload = IndependentVerifier.verifiedPayload(certificate.getString("jws"), publicKeys());
        assertNotNull(payload);
        assertEquals(12, payload.getInt("totalBallots"), "the late anonymous choices are all in");
        assertEquals(Map.of(options[0], 4L, options[1], 8L), Votes.votesPerOption(payload.getJsonObject("results")));
        for (Kept mine : kept) {
            JsonObject proof = proofOf(Api.as(mine.voter()), id, mine.commitment());
            assertTrue(IndependentVerifier.isIncluded(
                    mine.commitment(), proof.getInt("leafIndex"), 12, path(proof), payload.getString("merkleRoot")));
        }
        List<List<String>> rows = TestDatabase.rows("SELECT voter, commitment FROM ballot WHERE poll_id = ?", id);
        assertEquals(12, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.get(0) == null), "anonymous ballots name nobody");
        List<List<String>> participation = TestDatabase.rows(
                "SELECT voter_key, receipt_id, idempotency_key, revision, accepted_at, points FROM participation"
                        + " WHERE poll_id = ?",
                id);
        assertEquals(12, participation.size());
        String everyParticipationField = participation.toString();
        for (Kept mine : kept) {
            assertFalse(everyParticipationField.contains(mine.commitment()), "no participation holds a commitment");
            assertFalse(everyParticipationField.contains(mine.tracker()), "nor a tracker");
        }

        // The leaves a browser checks against: every commitment, ascending, making the signed root.
        JsonObject leaves = Api.as(kept.get(0).voter())
                .get("/api/v1/polls/" + id + "/certificate/leaves")
                .json();
        List<String> commitments = leaves.getJsonArray("commitments").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
        assertEquals(kept.stream().map(Kept::commitment).sorted().toList(), commitments);
        assertEquals(payload.getString("merkleRoot"), leaves.getString("merkleRoot"));
    }

    @Test
    void aBallotChangedInTheDatabaseAfterTheCloseFailsTheCheck() throws Exception {
        JsonObject poll = create(
                author, TestPolls.poll("Tampered", "SINGLE", "Keep", "Change").add("open", true));
        String id = poll.getString("id");
        String[] options = Votes.optionIds(poll);
        List<Kept> kept = new ArrayList<>();
        for (String voter : Voters.fresh(6)) {
            kept.add(voteAndKeep(voter, id, options[0]));
        }
        Votes.awaitCounted(author, id, 6);
        close(id);
        JsonObject payload =
                IndependentVerifier.verifiedPayload(awaitCertificate(author, id).getString("jws"), publicKeys());
        assertNotNull(payload);
        String root = payload.getString("merkleRoot");
        Kept victim = kept.get(0);
        Kept bystander = kept.get(1);
        assertTrue(checks(victim, id, root) && checks(bystander, id, root), "before: both check out");

        // Someone with database access turns the victim's ballot into another choice; without the tracker, they
        // cannot make a commitment that matches it.
        String forged = IndependentVerifier.commitment("made-up-tracker", options[1]);
        assertEquals(
                1,
                TestDatabase.execute(
                        "UPDATE ballot SET choices = ?, commitment = ? WHERE poll_id = ? AND commitment = ?",
                        options[1],
                        forged,
                        id,
                        victim.commitment()));

        assertFalse(checks(victim, id, root), "the victim's ballot is no longer under the signed root");
        assertFalse(checks(bystander, id, root), "and every other voter's path now leads to another root");
        assertFalse(
                root.equals(Api.as(bystander.voter())
                        .get("/api/v1/polls/" + id + "/certificate/leaves")
                        .string("merkleRoot")),
                "the leaves a browser checks against make another root too");
        assertEquals(
                payload,
                IndependentVerifier.verifiedPayload(awaitCertificate(author, id).getString("jws"), publicKeys()),
                "the certificate is not made again");
    }

    @Test
    void certificatesAndProofsWaitForTheCloseAndRefuseBadInput() throws Exception {
        JsonObject poll = create(
                author,
                TestPolls.withAudience(TestPolls.singleChoice("Not yet"), List.of("engineering"))
                        .add("open", true));
        String id = poll.getString("id");
        String engineer = Voters.freshEngineer();
        Kept mine = voteAndKeep(engineer, id, Votes.optionIds(poll)[0]);
        assertProblem(409, "poll-not-closed", author.get("/api/v1/polls/" + id + "/certificate"));
        assertProblem(
                409, "poll-not-closed", Api.as(engineer).get("/api/v1/polls/" + id + "/proof/" + mine.commitment()));
        Votes.awaitCounted(author, id, 1);
        close(id);
        awaitCertificate(author, id);
        assertProblem(400, "bad-request", Api.as(engineer).get("/api/v1/polls/" + id + "/proof/not-hex"));
        assertProblem(404, "not-found", Api.as(engineer).get("/api/v1/polls/" + id + "/proof/" + "ab".repeat(32)));
        assertEquals(
                200,
                Api.as(engineer)
                        .get("/api/v1/polls/" + id + "/proof/"
                                + mine.commitment().toUpperCase())
                        .status(),
                "hex in either case");
        assertProblem(403, "forbidden", Api.as(Voters.freshSalesperson()).get("/api/v1/polls/" + id + "/certificate"));
        assertProblem(
                403,
                "forbidden",
                Api.as(Voters.freshSalesperson()).get("/api/v1/polls/" + id + "/proof/" + mine.commitment()));
        assertProblem(404, "not-found", author.get("/api/v1/polls/00000000-0000-4000-8000-000000000000/certificate"));
    }

    @Test
    void theKeysArePublicAndNamedByTheirThumbprints() throws Exception {
        Api.Reply reply = Api.anonymous().get("/api/v1/keys");
        assertEquals(200, reply.status(), reply::toString);
        List<JsonWebKey> keys = new JsonWebKeySet(reply.body()).getJsonWebKeys();
        assertFalse(keys.isEmpty());
        for (JsonWebKey key : keys) {
            assertTrue(key instanceof EllipticCurveJsonWebKey);
            assertEquals("P-256", ((EllipticCurveJsonWebKey) key).getCurveName());
            assertEquals("ES256", key.getAlgorithm());
            assertEquals(key.calculateBase64urlEncodedThumbprint("SHA-256"), key.getKeyId(), "RFC 7638");
            assertNull(((EllipticCurveJsonWebKey) key).getPrivateKey(), "public keys only");
        }
        assertTrue(reply.body().indexOf("\"d\"") < 0, "no private part");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheSameTracker() throws Exception {
        JsonObject poll = create(author, TestPolls.singleChoice("Retried").add("open", true));
        String id = poll.getString("id");
        String voterName = Voters.fresh();
        Api voter = Api.as(voterName).with("Idempotency-Key", "retry-" + id);
        String body = "{\"optionIds\": [\"" + Votes.optionIds(poll)[0] + "\"]}";
        Api.Reply first = voter.post("/api/v1/polls/" + id + "/votes", body);
        assertEquals(202, first.status(), first::toString);
        assertTrue(first.json().getString("tracker").matches("[A-Za-z0-9_-]{22}"), "128 bits, base64url");
        Api.Reply again = voter.post("/api/v1/polls/" + id + "/votes", body);
        assertEquals(202, again.status());
        assertEquals(first.json(), again.json(), "the same 202 body, tracker included (derived, not stored)");
        String keyHash = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(("retry-" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Votes.awaitCounted(author, id, 1);
        assertEquals(
                List.of(List.of(keyHash)),
                TestDatabase.rows(
                        "SELECT idempotency_key FROM participation WHERE poll_id = ? AND voter_key = ?", id, voterName),
                "only the key's hash is stored, never the key a tracker is derived from");
        Api.Reply another = Api.as(Voters.fresh())
                .with("Idempotency-Key", "retry-" + id)
                .post("/api/v1/polls/" + id + "/votes", body);
        assertEquals(202, another.status());
        assertFalse(
                first.json().getString("tracker").equals(another.json().getString("tracker")),
                "another person's same key: another tracker");

        // In an anonymous poll a short (guessable) key derives no tracker: its repeat answers without one.
        JsonObject secret = create(
                author,
                TestPolls.singleChoice("Retried in secret")
                        .add("anonymous", true)
                        .add("open", true));
        String secretVotes = "/api/v1/polls/" + secret.getString("id") + "/votes";
        String secretBody = "{\"optionIds\": [\"" + Votes.optionIds(secret)[0] + "\"]}";
        Api shortKey = Api.as(Voters.fresh()).with("Idempotency-Key", "vote-1");
        assertTrue(shortKey.post(secretVotes, secretBody).json().containsKey("tracker"));
        assertFalse(shortKey.post(secretVotes, secretBody).json().containsKey("tracker"), "not derivable: not kept");
        Api longKey = Api.as(Voters.fresh())
                .with("Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertEquals(
                longKey.post(secretVotes, secretBody).json(),
                longKey.post(secretVotes, secretBody).json(),
                "a UUID key: the same body");
    }

    @Test
    void checkMyBallotInTheBrowser() throws Exception {
        JsonObject poll = create(
                author,
                TestPolls.poll("Checked in Chromium", "SINGLE", "Tea", "Coffee").add("open", true));
        String id = poll.getString("id");
        String voter = Voters.fresh();
        for (String other : Voters.fresh(5)) { // six leaves: the browser's path has steps on both sides
            assertEquals(
                    202, Votes.vote(Api.as(other), id, Votes.optionIds(poll)[0]).status());
        }
        try (Browser browser = Browser.signedInAs(voter)) {
            browser.open("/app/vote.html?poll=" + id);
            browser.find(By.xpath("//label[normalize-space()='Coffee']/input")).click();
            browser.find(By.cssSelector("#ballot button[type=submit]")).click();
            browser.waitForText(By.id("message"), "your vote is in");
            Votes.awaitCounted(author, id, 6);
            close(id);
            awaitCertificate(author, id);

            browser.open("/app/results.html?poll=" + id);
            browser.find(By.id("check-ballot")).click();
            browser.waitForText(By.id("check-outcome"), "Your ballot is counted.");
            assertTrue(browser.find(By.id("ballot-check-result")).getText().contains("of 6"));
            assertEquals("", browser.accessibilityViolations());

            browser.open("/app/vote.html?poll=" + id);
            browser.find(By.id("check-ballot")).click();
            browser.waitForText(By.id("check-outcome"), "Your ballot is counted.");
        }
        // Another person on the same browser profile is offered nobody else's receipt: a fresh browser shows none.
        try (Browser other = Browser.signedInAs(Voters.fresh())) {
            other.open("/app/results.html?poll=" + id);
            other.find(By.id("title"));
            assertTrue(other.findAll(By.id("check-ballot")).isEmpty(), "no receipt kept, no check offered");
        }
    }

    private void close(String id) {
        Api.Reply reply = author.post("/api/v1/polls/" + id + "/close");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("CLOSED", reply.string("status"));
    }

    private Kept voteAndKeep(String voter, String pollId, String option) {
        Api.Reply reply = Votes.vote(Api.as(voter), pollId, option);
        assertEquals(202, reply.status(), reply::toString);
        return new Kept(voter, reply.json().getString("tracker"), option);
    }

    private static JsonObject awaitCertificate(Api caller, String pollId) {
        Instant deadline = Instant.now().plus(PATIENCE);
        Api.Reply reply = caller.get("/api/v1/polls/" + pollId + "/certificate");
        while (reply.status() == 409 && Instant.now().isBefore(deadline)) {
            Votes.sleep(250);
            reply = caller.get("/api/v1/polls/" + pollId + "/certificate");
        }
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static JsonObject proofOf(Api caller, String pollId, String commitment) {
        Api.Reply reply = caller.get("/api/v1/polls/" + pollId + "/proof/" + commitment);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static boolean checks(Kept kept, String pollId, String signedRoot) {
        Api.Reply reply = Api.as(kept.voter()).get("/api/v1/polls/" + pollId + "/proof/" + kept.commitment());
        if (reply.status() == 404) {
            return false;
        }
        assertEquals(200, reply.status(), reply::toString);
        JsonObject proof = reply.json();
        return IndependentVerifier.isIncluded(
                kept.commitment(), proof.getInt("leafIndex"), proof.getInt("treeSize"), path(proof), signedRoot);
    }

    private static List<String> path(JsonObject proof) {
        return proof.getJsonArray("path").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    private static String publicKeys() {
        Api.Reply reply = Api.anonymous().get("/api/v1/keys");
        assertEquals(200, reply.status(), reply::toString);
        return reply.body();
    }

    private interface Check {
        void run(String voter) throws Exception;
    }

    private static void inParallel(List<String> voters, Check check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String voter : voters) {
                running.add(pool.submit(() -> {
                    check.run(voter);
                    return null;
                }));
            }
            for (Future<?> each : running) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
