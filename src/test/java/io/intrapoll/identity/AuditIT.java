package io.intrapoll.identity;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.TestDatabase;
import io.intrapoll.support.Voters;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail: what is written, who may read it, and that tampering with a row is found. */
class AuditIT extends AgainstTheServer {

    private final Api admin = Api.as("admin");
    private final Api author = Api.as("author");

    private List<JsonObject> entriesFor(String target) {
        return admin
                .get("/api/v1/admin/audit?actor=author&size=200")
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(entry -> target.equals(entry.getString("target", "")))
                .toList();
    }

    @Test
    void aPollsLifeIsWrittenWithItsActorNewestFirst() {
        Instant before = Instant.now().minusSeconds(1);
        JsonObject poll = create(author, singleChoice("Audited poll"));
        String id = poll.getString("id");
        String path = "/api/v1/polls/" + id;
        assertEquals(
                200,
                author.patch(path, "{\"description\": \"now with a description\"}")
                        .status());
        assertEquals(200, author.post(path + "/open").status());
        assertEquals(200, author.post(path + "/close").status());
        assertEquals(204, admin.delete(path).status());

        List<String> actions =
                entriesFor(id).stream().map(entry -> entry.getString("action")).toList();
        assertEquals(List.of("poll.closed", "poll.opened", "poll.changed", "poll.created"), actions);
        JsonObject deleted = admin.get("/api/v1/admin/audit?action=poll.deleted&actor=admin&from=" + before)
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertEquals(id, deleted.getString("target"));
        assertEquals("Audited poll", deleted.getString("detail"));
        assertEquals("description", entriesFor(id).get(2).getString("detail"), "which fields changed");
    }

    @Test
    void failedLoginsAreWritten() {
        // A voter no other test signs in as, so that this refusal is the only one the trail holds for the name.
        String voter = Voters.fresh();
        Api wrong = Api.anonymous().with("Authorization", Api.basicAuthorization(voter, "not-the-password"));
        assertEquals(401, wrong.get("/api/v1/me").status());
        JsonObject page = admin.get("/api/v1/admin/audit?action=login.failed&actor=" + voter)
                .json();
        assertEquals(1, page.getInt("total"), "one entry per refused request: " + page);
        assertEquals("HTTP Basic", page.getJsonArray("items").getJsonObject(0).getString("detail"));
    }

    @Test
    void onlyAdminsReadTheTrailAndBadFiltersAreRefused() {
        assertEquals(403, author.get("/api/v1/admin/audit").status());
        assertEquals(
                403,
                Api.as(Voters.fresh()).get("/api/v1/admin/audit/verification").status());
        Api.Reply bad = admin.get("/api/v1/admin/audit?action=poll.stolen&from=yesterday&size=0");
        assertEquals(400, bad.status());
        assertEquals(3, bad.json().getJsonArray("errors").size(), bad.body());
    }

    @Test
    void tamperingWithOneRowIsFoundByTheVerification() throws Exception {
        create(author, singleChoice("Chain link"));
        JsonObject intact = admin.get("/api/v1/admin/audit/verification").json();
        assertTrue(intact.getBoolean("intact"), intact.toString());
        long entries = intact.getJsonNumber("entries").longValue();
        assertTrue(entries >= 1);

        long victim = Math.max(1, entries / 2);
        String original = TestDatabase.rows("SELECT actor FROM audit_entry WHERE seq = ?", victim)
                .get(0)
                .get(0);
        TestDatabase.execute("UPDATE audit_entry SET actor = ? WHERE seq = ?", "someone-else", victim);
        try {
            JsonObject broken = admin.get("/api/v1/admin/audit/verification").json();
            assertFalse(broken.getBoolean("intact"));
            assertEquals(victim, broken.getJsonNumber("firstBrokenSeq").longValue(), broken.toString());
        } finally {
            TestDatabase.execute("UPDATE audit_entry SET actor = ? WHERE seq = ?", original, victim);
        }
        assertTrue(admin.get("/api/v1/admin/audit/verification").json().getBoolean("intact"));
    }
}
