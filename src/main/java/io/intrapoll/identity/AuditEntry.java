package io.intrapoll.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of the audit trail.
 *
 * @param seq its place in the chain, from 1 without gaps
 * @param previousHash the hash of the entry before (64 zeros for the first)
 * @param hash SHA-256 over the previous hash and every field of this entry
 */
@Schema(name = "AuditEntry")
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        String action,
        String target,
        String detail,
        String previousHash,
        String hash) {

    static final String GENESIS = "0".repeat(64);

    /** The hash this entry must carry, given the one before it. */
    static String hashOf(
            long seq, Instant at, String actor, String action, String target, String detail, String previousHash) {
        // Fields separated by a character none of them holds; nulls kept apart from empty strings.
        String canonical = String.join(
                "\u001f",
                previousHash,
                Long.toString(seq),
                at.toString(),
                actor,
                action,
                target == null ? "\u0000" : target,
                detail == null ? "\u0000" : detail);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether this entry's hash is the one its fields and the given previous hash make. */
    boolean isSealedAfter(String previous) {
        return previousHash.equals(previous) && hash.equals(hashOf(seq, at, actor, action, target, detail, previous));
    }
}
