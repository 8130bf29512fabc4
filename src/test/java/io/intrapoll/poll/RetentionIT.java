package io.intrapoll.poll;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static io.intrapoll.support.TestPolls.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Retention and legal hold (API.md; issue 20 points 4 and 5), with a test clock: on the test server a day of
 * retention lasts a second (intrapoll.retention.day-seconds). Erasure takes ballots, participation records and
 * open-text answers, exactly once, after certifying the results; tallies, the certificate and the audit trail stay;
 * a legal hold stops it until lifted.
 */
class RetentionIT extends AgainstTheServer {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final Api author = Api.as("author");
    private final Api admin = Api.as("admin");

    @Test
    void theBallotsGoWhenTheRetentionRunsOutAndTheResultsStay() throws Exception {
        JsonObject poll = create(
                author,
                TestPolls.poll("Kept two days", "SINGLE", "Yes", "No")
                        .add("retentionDays", 2)
                        .add("open", true));
        String id = poll.getString("id");
        assertEquals(2, poll.getInt("retentionDays"));
        assertFalse(poll.getBoolean("legalHold"));
        String[] options = Votes.optionIds(poll);
        List<String> voters = Voters.fresh(3);
        for (int i = 0; i < voters.size(); i++) {
            assertEquals(
                    202,
                    Votes.vote(Api.as(voters.get(i)), id, options[i == 0 ? 0 : 1])
                            .status());
        }
        Votes.awaitCounted(author, id, 3);
        assertEquals(200, author.post("/api/v1/polls/" + id + "/close").status());

        JsonObject erased = awaitErased(id);
        assertTrue(Instant.parse(erased.getString("erasedAt"))
                .isAfter(Instant.now().minus(PATIENCE)));
        assertEquals(List.of(List.of("0")), TestDatabase.rows("SELECT COUNT(*) FROM ballot WHERE poll_id = ?", id));
        assertEquals(
                List.of(List.of("0")), TestDatabase.rows("SELECT COUNT(*) FROM participation WHERE poll_id = ?", id));
        JsonObject results = author.get("/api/v1/polls/" + id + "/results").json();
        assertEquals(3, results.getInt("totalBallots"), "the tallies stay");
        assertEquals(Map.of(options[0], 1L, options[1], 2L), Votes.votesPerOption(results));
        Api.Reply certificate = author.get("/api/v1/polls/" + id + "/certificate");
        assertEquals(200, certificate.status(), "certified before the ballots went");
        assertEquals(3, certificate.json().getJsonObject("payload").getInt("totalBallots"));
        assertProblem(404, "not-found", Api.as(voters.get(0)).get("/api/v1/polls/" + id + "/votes/mine"));
        assertProblem(409, "erased", Api.as(voters.get(0)).get("/api/v1/polls/" + id + "/certificate/leaves"));
        assertProblem(409, "erased", Api.as(voters.get(0)).get("/api/v1/polls/" + id + "/proof/" + "ab".repeat(32)));
        assertProblem(409, "erased", author.post("/api/v1/polls/" + id + "/open"));
        assertEquals(
                List.of(List.of("schedule")),
                TestDatabase.rows("SELECT actor FROM audit_entry WHERE action = 'poll.erased' AND target = ?", id),
                "erased once, however many nodes run the schedule");

        // A rebuild of every tally from the ballots leaves an erased poll's as they were.
        assertEquals(200, admin.post("/api/v1/admin/tallies/rebuild").status());
        assertEquals(3, author.get("/api/v1/polls/" + id + "/results").json().getInt("totalBallots"));
        assertProblem(409, "erased", admin.post("/api/v1/polls/" + id + "/legal-hold"));
    }

    @Test
    void theBreakdownAsShownStaysWhenTheBallotsGo() throws Exception {
        JsonObject poll = create(
                author,
                TestPolls.poll("Broken down, kept two days", "SINGLE", "Yes", "No")
                        .add(
                                "breakdownGroups",
                                Json.createArrayBuilder()
                                        .add("employees")
                                        .add("engineering")
                                        .add("sales"))
                        .add("retentionDays", 2)
                        .add("open", true));
        String id = poll.getString("id");
        String[] options = Votes.optionIds(poll);
        for (String engineer : Voters.crowdIn("engineering", 5)) {
            assertEquals(202, Votes.vote(Api.as(engineer), id, options[0]).status());
        }
        for (String salesperson : Voters.crowdIn("sales", 3)) {
            assertEquals(202, Votes.vote(Api.as(salesperson), id, options[1]).status());
        }
        Votes.awaitCounted(author, id, 8);
        assertEquals(200, author.post("/api/v1/polls/" + id + "/close").status());

        awaitErased(id);
        assertEquals(List.of(List.of("0")), TestDatabase.rows("SELECT COUNT(*) FROM ballot WHERE poll_id = ?", id));
        JsonObject breakdown =
                author.get("/api/v1/polls/" + id + "/results?by=group").json();
        assertEquals(8, breakdown.getInt("totalBallots"));
        JsonObject employees = breakdown.getJsonArray("groups").getJsonObject(0);
        assertEquals("employees", employees.getString("group"));
        assertEquals(Map.of(options[0], 5L, options[1], 3L), Votes.votesPerOption(employees));
        for (int i = 1; i <= 2; i++) {
            JsonObject withheld = breakdown.getJsonArray("groups").getJsonObject(i);
            assertEquals(Set.of("group", "suppressed"), withheld.keySet(), "kept as shown: " + withheld);
        }
    }

    @Test
    void openTextAnswersGoToo() {
        JsonObject poll = create(
                author,
                Json.createObjectBuilder()
                        .add("title", "Kept a day of answers")
                        .add("type", "OPEN_TEXT")
                        .add("retentionDays", 1)
                        .add("open", true));
        String id = poll.getString("id");
        for (String voter : Voters.fresh(2)) {
            assertEquals(
                    202,
                    Api.as(voter)
                            .post("/api/v1/polls/" + id + "/votes", "{\"text\": \"more coffee machines\"}")
                            .status());
        }
        Votes.awaitCounted(author, id, 2);
        author.post("/api/v1/polls/" + id + "/close");
        awaitErased(id);
        assertEquals(0, author.get("/api/v1/polls/" + id + "/responses").json().getInt("total"));
        JsonObject results = author.get("/api/v1/polls/" + id + "/results").json();
        assertEquals(2, results.getInt("totalBallots"));
        assertEquals(
                "coffee", results.getJsonArray("words").getJsonObject(0).getString("word"), "the word cloud stays");
    }

    @Test
    void aLegalHoldStopsTheErasureUntilAnAdminLiftsIt() throws Exception {
        JsonObject poll = create(
                author,
                TestPolls.poll("Held", "SINGLE", "Yes", "No")
                        .add("retentionDays", 1)
                        .add("open", true));
        String id = poll.getString("id");
        assertEquals(
                202,
                Votes.vote(Api.as(Voters.fresh()), id, Votes.optionIds(poll)[0]).status());
        Votes.awaitCounted(author, id, 1);
        assertProblem(403, "forbidden", author.post("/api/v1/polls/" + id + "/legal-hold"));
        Api.Reply held = admin.post("/api/v1/polls/" + id + "/legal-hold");
        assertEquals(200, held.status(), held::toString);
        assertTrue(held.json().getBoolean("legalHold"));
        assertEquals(200, admin.post("/api/v1/polls/" + id + "/legal-hold").status(), "placing it twice is fine");
        author.post("/api/v1/polls/" + id + "/close");

        Thread.sleep(4_000); // four days of the test clock, past the retention
        JsonObject kept = author.get("/api/v1/polls/" + id).json();
        assertFalse(kept.containsKey("erasedAt"), "held: nothing erased");
        assertEquals(List.of(List.of("1")), TestDatabase.rows("SELECT COUNT(*) FROM ballot WHERE poll_id = ?", id));
        assertProblem(409, "legal-hold", admin.delete("/api/v1/polls/" + id));

        Api.Reply lifted = admin.delete("/api/v1/polls/" + id + "/legal-hold");
        assertEquals(200, lifted.status(), lifted::toString);
        assertFalse(lifted.json().getBoolean("legalHold"));
        awaitErased(id);
        assertEquals(List.of(List.of("0")), TestDatabase.rows("SELECT COUNT(*) FROM ballot WHERE poll_id = ?", id));
        assertEquals(
                List.of("poll.legal-hold-placed", "poll.legal-hold-lifted", "poll.erased"),
                TestDatabase.rows(
                                "SELECT action FROM audit_entry WHERE target = ? AND action LIKE 'poll.%' AND action"
                                        + " NOT IN ('poll.created', 'poll.opened', 'poll.closed', 'poll.certified')"
                                        + " ORDER BY seq",
                                id)
                        .stream()
                        .map(row -> row.get(0))
                        .toList());
    }

    @Test
    void retentionIsCheckedAndTheHoldIsNotABodyField() {
        assertProblem(
                422,
                "validation-failed",
                author.post(
                        "/api/v1/polls",
                        TestPolls.singleChoice("Too long")
                                .add("retentionDays", 40000)
                                .build()
                                .toString()));
        assertProblem(
                422,
                "validation-failed",
                author.post(
                        "/api/v1/polls",
                        TestPolls.singleChoice("Negative")
                                .add("retentionDays", -1)
                                .build()
                                .toString()));
        assertProblem(
                400,
                "bad-request",
                author.post(
                        "/api/v1/polls",
                        TestPolls.singleChoice("Held by body")
                                .add("legalHold", true)
                                .build()
                                .toString()));
        assertProblem(
                400,
                "bad-request",
                author.post(
                        "/api/v1/polls",
                        TestPolls.singleChoice("Erased by body")
                                .add("erasedAt", Instant.now().toString())
                                .build()
                                .toString()));
        JsonObject kept = create(author, TestPolls.singleChoice("Kept for ever"));
        assertFalse(kept.containsKey("retentionDays"));
        String id = kept.getString("id");
        Api.Reply changed = author.patch("/api/v1/polls/" + id, "{\"retentionDays\": 30}");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(30, changed.json().getInt("retentionDays"));
        assertFalse(author.patch("/api/v1/polls/" + id, "{\"retentionDays\": null}")
                .json()
                .containsKey("retentionDays"));
    }

    private JsonObject awaitErased(String id) {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonObject poll = author.get("/api/v1/polls/" + id).json();
        while (!poll.containsKey("erasedAt") && Instant.now().isBefore(deadline)) {
            Votes.sleep(250);
            poll = author.get("/api/v1/polls/" + id).json();
        }
        assertTrue(poll.containsKey("erasedAt"), () -> "not erased in time: " + id);
        return poll;
    }
}
