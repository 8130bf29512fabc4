package io.intrapoll.identity;

import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The audit trail in PostgreSQL: entries written in the transaction of what they record, numbered without gaps
 * under a lock on the chain's head (consecutive on every node), each sealed with a MAC under the audit key (outside
 * the database) over its fields and the seal of the one before.
 */
@ApplicationScoped
public class AuditTrail {

    private static final int ACTOR_MAX = 100;
    private static final int TARGET_MAX = 100;
    private static final int DETAIL_MAX = 2000;
    private static final int CLIENT_MAX = 64;
    private static final int VERIFY_PAGE = 500;

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "intrapoll.audit.key")
    String auditKey;

    /** Entries written before the audit key (an upgraded trail): they carry plain SHA-256 hashes. */
    @Inject
    @ConfigProperty(name = "intrapoll.audit.unkeyed-entries")
    long unkeyedEntries;

    /** Weld's built-in bean: the request being served, if any. */
    @Inject
    HttpServletRequest request;

    @Inject
    RateLimits limits;

    /** The chain's last entry: its number and seal. */
    public record Head(long seq, String seal) {}

    /** A page of entries, newest first. */
    public record Page(List<AuditEntry> items, int page, int size, long total) {}

    /**
     * The verification's verdict.
     *
     * @param firstBrokenSeq the first entry whose link does not hold (null when intact)
     */
    public record Verification(boolean intact, long entries, Long firstBrokenSeq, String reason, Instant checkedAt) {}

    /**
     * Records an action in the current transaction: it is kept only if what it records is.
     *
     * @return the chain's head with this entry, as the transaction leaves it
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Head record(String actor, AuditAction action, String target, String detail) {
        Object[] head = (Object[]) em.createNativeQuery("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .getSingleResult();
        long seq = ((Number) head[0]).longValue() + 1;
        String previous = (String) head[1];
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS); // what the database keeps
        String who = clip(actor, ACTOR_MAX);
        String what = clip(target, TARGET_MAX);
        String details = clip(detail, DETAIL_MAX);
        String client = clientAddress();
        String hash = AuditEntry.sealOf(key(), seq, at, who, action.label(), what, details, client, previous);
        em.createNativeQuery("INSERT INTO audit_entry (seq, at, actor, action, target, detail, client, previous_hash,"
                        + " hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?9, ?7, ?8)")
                .setParameter(1, seq)
                .setParameter(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .setParameter(3, who)
                .setParameter(4, action.label())
                .setParameter(5, what)
                .setParameter(6, details)
                .setParameter(7, previous)
                .setParameter(8, hash)
                .setParameter(9, client)
                .executeUpdate();
        em.createNativeQuery("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1")
                .setParameter(1, seq)
                .setParameter(2, hash)
                .executeUpdate();
        return new Head(seq, hash);
    }

    /**
     * A wrong password. A name the registry does not know is written as a keyed pseudonym, never as typed: people
     * type passwords into the name field, and the trail must not keep them. Attempts on one unknown name still show
     * as one actor.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordLoginFailure(String user, boolean known, String how) {
        record(known ? user : unknownName(user), AuditAction.LOGIN_FAILED, null, how);
    }

    /** "unknown-name:" and 16 hex digits of HMAC-SHA256 under the audit key. */
    String unknownName(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] digest = mac.doFinal(("unknown-name\n" + user).getBytes(StandardCharsets.UTF_8));
            return "unknown-name:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The client of the request being served, if an entry is written for one. */
    private String clientAddress() {
        try {
            return clip(limits.clientAddressOf(request), CLIENT_MAX);
        } catch (ContextNotActiveException | IllegalStateException noRequest) {
            return null; // the server acting by itself (schedules, start-up)
        }
    }

    /** Records an action on its own (a failed login has no transaction of its own to join). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAlone(String actor, AuditAction action, String target, String detail) {
        record(actor, action, target, detail);
    }

    /**
     * The chain's head as the database has it now (the witness exports it). In a transaction of its own: the witness
     * reads it on a scheduler's thread, where Liberty's local transaction refuses the connection's clean-up.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Head head() {
        Object[] head = (Object[]) em.createNativeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")
                .getSingleResult();
        return new Head(((Number) head[0]).longValue(), (String) head[1]);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page find(String actor, AuditAction action, Instant from, Instant to, int page, int size, Caller caller) {
        requireAdmin(caller);
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (actor != null) {
            parameters.add(actor);
            where.append(" AND actor = ?").append(parameters.size());
        }
        if (action != null) {
            parameters.add(action.label());
            where.append(" AND action = ?").append(parameters.size());
        }
        if (from != null) {
            parameters.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            where.append(" AND at >= ?").append(parameters.size());
        }
        if (to != null) {
            parameters.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            where.append(" AND at < ?").append(parameters.size());
        }
        Query count = em.createNativeQuery("SELECT COUNT(*) FROM audit_entry" + where);
        Query select = em.createNativeQuery(
                        "SELECT seq, at, actor, action, target, detail, client, previous_hash, hash FROM audit_entry"
                                + where + " ORDER BY seq DESC")
                .setFirstResult(page * size)
                .setMaxResults(size);
        for (int i = 0; i < parameters.size(); i++) {
            count.setParameter(i + 1, parameters.get(i));
            select.setParameter(i + 1, parameters.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        return new Page(entries(select), page, size, total);
    }

    /** Re-computes the whole chain, oldest first, and names the first entry whose link does not hold. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Verification verify(Caller caller) {
        requireAdmin(caller);
        String previous = AuditEntry.GENESIS;
        long expected = 1;
        // Where keyed seals begin comes from the configuration, not the database: whoever could move it there could
        // pass off a rewritten trail as entries from before the key.
        long macFromSeq = unkeyedEntries + 1;
        byte[] key = key();
        while (true) {
            List<AuditEntry> batch = entries(em.createNativeQuery(
                            "SELECT seq, at, actor, action, target, detail, client, previous_hash, hash FROM audit_entry"
                                    + " WHERE seq >= ?1 ORDER BY seq")
                    .setParameter(1, expected)
                    .setMaxResults(VERIFY_PAGE));
            for (AuditEntry entry : batch) {
                if (entry.seq() != expected) {
                    return broken(expected - 1, expected, "entry " + expected + " is missing");
                }
                if (!entry.isSealedAfter(previous, key, macFromSeq)) {
                    return broken(expected - 1, expected, "entry " + expected + " does not match its hash or its link");
                }
                previous = entry.hash();
                expected++;
            }
            if (batch.size() < VERIFY_PAGE) {
                break;
            }
        }
        Object[] head = (Object[]) em.createNativeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")
                .getSingleResult();
        long headSeq = ((Number) head[0]).longValue();
        if (headSeq != expected - 1 || !previous.equals(head[1])) {
            return broken(expected - 1, expected, "the chain ends before its head: entries were removed from the end");
        }
        return new Verification(true, expected - 1, null, null, Instant.now());
    }

    private byte[] key() {
        return auditKey.getBytes(StandardCharsets.UTF_8);
    }

    private static Verification broken(long intact, long seq, String reason) {
        return new Verification(false, intact, seq, reason, Instant.now());
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only admins read the audit trail.");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<AuditEntry> entries(Query query) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            entries.add(new AuditEntry(
                    ((Number) row[0]).longValue(),
                    SqlValues.instant(row[1]),
                    (String) row[2],
                    (String) row[3],
                    (String) row[4],
                    (String) row[5],
                    (String) row[6],
                    (String) row[7],
                    (String) row[8]));
        }
        return entries;
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
