package io.intrapoll.vote;

import io.intrapoll.platform.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * A ballot's commitment (API.md, "Receipts anyone can check"): hex SHA-256 of the receipt's tracker, a bar, and the
 * ballot's canonical choices. The voter alone holds the tracker, so only they can tie the commitment, which the
 * certificate's Merkle tree holds, to their choices; the server keeps the commitment and forgets the tracker.
 */
public final class Commitment {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TRACKER_BYTES = 16;

    private Commitment() {}

    /** 128 random bits, base64url without padding: the receipt's secret half. */
    static String newTracker() {
        byte[] bits = new byte[TRACKER_BYTES];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /**
     * @param choices the ballot's content as counted: option ids in ballot order, the rating, or the trimmed text
     */
    static String of(String tracker, List<String> choices) {
        return Sha256.hex(tracker + "|" + String.join(",", choices));
    }

    /** Whether a text has a commitment's form: 64 lower-case hex digits. */
    public static boolean isWellFormed(String text) {
        return text != null
                && text.length() == 64
                && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
