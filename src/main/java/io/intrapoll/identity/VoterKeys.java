package io.intrapoll.identity;

import io.intrapoll.poll.PollId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How a voter is recorded in a poll's participation: by user name, or in an anonymous poll by a keyed
 * pseudonym (HMAC-SHA256 of poll and user under a server secret) that still lets one person vote once but leads
 * no one without the secret back to the person.
 */
@ApplicationScoped
public class VoterKeys {

    @Inject
    @ConfigProperty(name = "intrapoll.voter-key.secret")
    String secret;

    /** Keys under the given secret, outside the container (tests). */
    public static VoterKeys withSecret(String secret) {
        VoterKeys keys = new VoterKeys();
        keys.secret = secret;
        return keys;
    }

    public String keyFor(PollId pollId, String user, boolean anonymous) {
        return anonymous ? pseudonym(pollId, user) : user;
    }

    /**
     * The tracker of a receipt whose request carried an Idempotency-Key: 128 bits of HMAC-SHA256 under the server
     * secret over the key as sent, so a repeat of the request gets the same 202 body (API.md) although no tracker is
     * stored. Only the key's hash is stored: nobody can derive a tracker afterwards, not even with the secret.
     */
    public String trackerFor(PollId pollId, String voterKey, String idempotencyKey, String receiptId) {
        byte[] digest = mac("tracker\n" + pollId.value() + "\n" + voterKey + "\n" + idempotencyKey + "\n" + receiptId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
    }

    /** What is stored of an Idempotency-Key: its SHA-256, base64url (43 characters), enough to know a repeat. */
    public static String hashOf(String idempotencyKey) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private String pseudonym(PollId pollId, String user) {
        return "p:" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(pollId.value() + "\n" + user));
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
