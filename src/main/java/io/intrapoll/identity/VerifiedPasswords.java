package io.intrapoll.identity;

import io.intrapoll.platform.Caches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;

/**
 * User names and passwords the registry accepted a moment ago, with the identity it gave for them: an API client
 * sends its password with every call, and a directory should see one bind per client and lifetime, not one per call
 * (Liberty's own BASIC login keeps such a cache; the standard password callback our sign-in uses has none).
 *
 * <p>Kept on this node only, never replicated, for {@code intrapoll.signin.password-cache-seconds} from the
 * registry's answer: a password changed or an account removed in the directory stops working within that time, and
 * a Basic caller's groups are read again as often. Held under an HMAC of name and password with a key made at start
 * and never written anywhere: what the heap holds is no password and no hash anyone could test guesses against
 * without that key. A wrong password is never cached (it finds nothing and goes to the registry).
 */
@ApplicationScoped
public class VerifiedPasswords {

    /** Entries at most; one API client is one entry, so this is far above an intranet's callers in a minute. */
    private static final long MAX_ENTRIES = 50_000;

    @Inject
    @ConfigProperty(name = "intrapoll.signin.password-cache-seconds")
    long lifetimeSeconds;

    @Inject
    Caches caches;

    /** This process's HMAC key: a restart forgets every entry anyway. */
    private final byte[] key = randomKey();

    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private Cache<String, Map<String, Object>> verified;

    @PostConstruct
    void start() {
        if (lifetimeSeconds > 0) {
            verified = caches.nodeLocal("verified-passwords", Duration.ofSeconds(lifetimeSeconds), MAX_ENTRIES);
        }
    }

    /**
     * The identity the registry gave for this name and password within the lifetime, if it did: a copy of its own
     * for the request's subject (the container may add to what it finds there).
     */
    Optional<Hashtable<String, Object>> find(String user, String password) {
        Map<String, Object> identity = verified == null ? null : verified.get(key(user, password));
        return Optional.ofNullable(identity).map(VerifiedPasswords::copyOf);
    }

    /** Remembers the identity the registry just gave for this name and password (Liberty's credential attributes). */
    void remember(String user, String password, Map<String, Object> identity) {
        if (verified != null) {
            verified.put(key(user, password), copyOf(identity));
        }
    }

    /** HMAC-SHA256 of name, a zero character and password (names hold no zero character), as hex. */
    String key(String user, String password) {
        byte[] mac = macs.get().doFinal((user + '\0' + password).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac);
    }

    /** The attributes, their lists (the registry's group ids) copied too. */
    private static Hashtable<String, Object> copyOf(Map<String, Object> identity) {
        Hashtable<String, Object> copy = new Hashtable<>(identity);
        copy.replaceAll((name, value) -> value instanceof Collection<?> values ? new ArrayList<>(values) : value);
        return copy;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
