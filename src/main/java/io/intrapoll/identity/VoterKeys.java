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

    private String pseudonym(PollId pollId, String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((pollId.value() + "\n" + user).getBytes(StandardCharsets.UTF_8));
            return "p:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
