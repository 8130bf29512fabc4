package io.intrapoll.identity;

import io.intrapoll.platform.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of the audit trail.
 *
 * @param seq its place in the chain, from 1 without gaps
 * @param previousHash the hash of the entry before (64 zeros for the first)
 * @param client the address of the client whose request it records (the load balancer's X-Forwarded-For where
 *     trusted); absent for what the server did by itself and for entries from before addresses were kept
 * @param hash its seal: HMAC-SHA256 under the audit key over the previous hash and every field of this entry
 */
@Schema(name = "AuditEntry")
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        String action,
        String target,
        String detail,
        String client,
        String previousHash,
        String hash) {

    static final String GENESIS = "0".repeat(64);

    /**
     * The seal this entry must carry, given the one before it: HMAC-SHA256 under the audit key, which the database
     * does not hold, so whoever can write the tables cannot seal a rewritten entry. Entries written before the key
     * existed carry a plain SHA-256 hash ({@link #plainHashOf}).
     */
    static String sealOf(
            byte[] key,
            long seq,
            Instant at,
            String actor,
            String action,
            String target,
            String detail,
            String client,
            String previousHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String fields = canonical(seq, at, actor, action, target, detail, previousHash) + "\u001f"
                    + (client == null ? "\u0000" : client);
            return HexFormat.of().formatHex(mac.doFinal(fields.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The plain SHA-256 hash entries carried before the audit key: anyone can compute it. */
    static String plainHashOf(
            long seq, Instant at, String actor, String action, String target, String detail, String previousHash) {
        return Sha256.hex(canonical(seq, at, actor, action, target, detail, previousHash));
    }

    /** Fields separated by a character none of them holds; nulls kept apart from empty strings. */
    private static String canonical(
            long seq, Instant at, String actor, String action, String target, String detail, String previousHash) {
        return String.join(
                "\u001f",
                previousHash,
                Long.toString(seq),
                at.toString(),
                actor,
                action,
                target == null ? "\u0000" : target,
                detail == null ? "\u0000" : detail);
    }

    /**
     * Whether this entry carries the seal its fields and the given previous hash make: keyed from {@code macFromSeq}
     * on, the plain hash before (entries written before the audit key existed).
     */
    boolean isSealedAfter(String previous, byte[] key, long macFromSeq) {
        String expected = seq >= macFromSeq
                ? sealOf(key, seq, at, actor, action, target, detail, client, previous)
                : plainHashOf(seq, at, actor, action, target, detail, previous);
        return previousHash.equals(previous) && MessageDigest.isEqual(hash.getBytes(), expected.getBytes());
    }
}
