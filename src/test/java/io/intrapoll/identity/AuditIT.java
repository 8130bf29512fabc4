package io.intrapoll.identity;

import static io.intrapoll.support.TestPolls.create;
import static io.intrapoll.support.TestPolls.singleChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.FormSignIn;
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
    void entriesCarryTheClientAddressAndUnknownNamesOnlyAsPseudonyms() throws Exception {
        String voter = Voters.fresh();
        Api.anonymous()
                .with("Authorization", Api.basicAuthorization(voter, "not-the-password"))
                .with("X-Forwarded-For", "198.51.100.23")
                .get("/api/v1/me");
        JsonObject known = admin.get("/api/v1/admin/audit?action=login.failed&actor=" + voter)
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertEquals("198.51.100.23", known.getString("client"), known.toString());

        String typed = "Summer2026!-" + java.util.UUID.randomUUID(); // a password typed as the name
        Api.anonymous()
                .with("Authorization", Api.basicAuthorization(typed, "x"))
                .get("/api/v1/me");
        assertEquals(
                0,
                admin.get("/api/v1/admin/audit?actor=" + java.net.URLEncoder.encode(typed, "UTF-8"))
                        .json()
                        .getInt("total"),
                "the name as typed is nowhere in the trail");
        String pseudonym = "unknown-name:" + java.util.HexFormat.of().formatHex(hmac("unknown-name\n" + typed), 0, 8);
        assertEquals(
                1,
                admin.get("/api/v1/admin/audit?action=login.failed&actor=" + pseudonym)
                        .json()
                        .getInt("total"));
    }

    @Test
    void browserSignInsAndSignOutsAreWritten() throws Exception {
        String voter = Voters.fresh();
        String session = FormSignIn.signIn(Api.itServer(), voter, voter);
        assertEquals(303, FormSignIn.signOut(Api.itServer(), session));
        List<String> actions = admin.get("/api/v1/admin/audit?actor=" + voter).json().getJsonArray("items").stream()
                .map(entry -> entry.asJsonObject().getString("action"))
                .toList();
        assertEquals(List.of("logout", "login.succeeded"), actions, "newest first");
    }

    private static byte[] hmac(String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                "intrapoll-test-audit-key".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

    /**
     * Whoever holds the database's credentials but not the audit key rewrites an entry and re-computes every plain
     * SHA-256 hash after it, head included: the keyed seals do not hold, and the verification names the entry.
     */
    @Test
    void aRewriteWithRecomputedPlainHashesIsFound() throws Exception {
        create(author, singleChoice("Rewritten"));
        long victim = Long.parseLong(TestDatabase.rows("SELECT seq FROM audit_head WHERE id = 1")
                .get(0)
                .get(0));
        String original = TestDatabase.rows("SELECT actor FROM audit_entry WHERE seq = ?", victim)
                .get(0)
                .get(0);
        rewriteFrom(victim, "someone-else", AuditIT::plainSha256);
        try {
            JsonObject broken = admin.get("/api/v1/admin/audit/verification").json();
            assertFalse(broken.getBoolean("intact"), broken.toString());
            assertEquals(victim, broken.getJsonNumber("firstBrokenSeq").longValue(), broken.toString());
        } finally {
            rewriteFrom(victim, original, AuditIT::testKeySeal); // as the server would, with its key
        }
        assertTrue(admin.get("/api/v1/admin/audit/verification").json().getBoolean("intact"));
    }

    /**
     * Sets the entry's actor and seals it and every entry after it again with the given function, head included, in
     * one transaction holding the head's lock (the server's writers wait).
     */
    private static void rewriteFrom(long seq, String actor, java.util.function.BiFunction<String, String, String> seal)
            throws Exception {
        try (java.sql.Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            TestDatabase.rows(db, "SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE");
            try (var update = db.prepareStatement("UPDATE audit_entry SET actor = ? WHERE seq = ?")) {
                update.setString(1, actor);
                update.setLong(2, seq);
                update.executeUpdate();
            }
            String previous = TestDatabase.rows(db, "SELECT previous_hash FROM audit_entry WHERE seq = ?", seq)
                    .get(0)
                    .get(0);
            long last = seq;
            try (var select = db.prepareStatement(
                    "SELECT seq, at, actor, action, target, detail, client FROM audit_entry WHERE seq >= ?"
                            + " ORDER BY seq")) {
                select.setLong(1, seq);
                List<Object[]> rows = new java.util.ArrayList<>();
                try (var result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Object[] {
                            result.getLong(1),
                            result.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                            result.getString(3),
                            result.getString(4),
                            result.getString(5),
                            result.getString(6),
                            result.getString(7)
                        });
                    }
                }
                for (Object[] row : rows) {
                    String canonical = String.join(
                            "\u001f",
                            previous,
                            row[0].toString(),
                            row[1].toString(),
                            (String) row[2],
                            (String) row[3],
                            row[4] == null ? "\u0000" : (String) row[4],
                            row[5] == null ? "\u0000" : (String) row[5]);
                    String hash = seal.apply(canonical, (String) row[6]);
                    try (var update =
                            db.prepareStatement("UPDATE audit_entry SET previous_hash = ?, hash = ? WHERE seq = ?")) {
                        update.setString(1, previous);
                        update.setString(2, hash);
                        update.setLong(3, (Long) row[0]);
                        update.executeUpdate();
                    }
                    previous = hash;
                    last = (Long) row[0];
                }
            }
            try (var head = db.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                head.setLong(1, last);
                head.setString(2, previous);
                head.executeUpdate();
            }
            db.commit();
        }
    }

    /** An attacker's hash: plain SHA-256 over the fields, as entries had before the audit key. */
    private static String plainSha256(String canonical, String client) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seal under the integration-test server's audit key (test-settings.xml), the client address last. */
    private static String testKeySeal(String canonical, String client) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    "intrapoll-test-audit-key".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of()
                    .formatHex(mac.doFinal((canonical + "\u001f" + (client == null ? "\u0000" : client))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
