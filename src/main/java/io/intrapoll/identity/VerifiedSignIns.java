package io.intrapoll.identity;

import io.intrapoll.platform.Caches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;

/**
 * HTTP Basic names and passwords the user registry accepted lately, so that an API client sending them with every
 * call costs the registry (an LDAP bind) once per {@code intrapoll.signin.verified-seconds}, as Liberty's own
 * authentication cache does for its BASIC login. Kept on this node only, in a bounded local cache, under a hash of
 * name and password salted with a secret this node draws at start: neither the password nor a hash anyone could
 * test guesses against is kept. A wrong password is never remembered.
 */
@ApplicationScoped
public class VerifiedSignIns {

    private final byte[] salt = new byte[32];

    @Inject
    Caches caches;

    @Inject
    @ConfigProperty(name = "intrapoll.signin.verified-seconds")
    int verifiedSeconds;

    private Cache<String, SignedIn> verified;

    /** Who signed in with the credentials: the registry's name for them and their registry groups then. */
    record SignedIn(String caller, Set<String> groups) {}

    @PostConstruct
    void start() {
        new SecureRandom().nextBytes(salt);
        verified = caches.local("sign-ins", Duration.ofSeconds(verifiedSeconds), 10_000);
    }

    /** Who these credentials signed in as, if the registry accepted exactly them lately. */
    Optional<SignedIn> recall(BasicCredentials credentials) {
        return Optional.ofNullable(verified.get(key(credentials)));
    }

    void remember(BasicCredentials credentials, SignedIn signedIn) {
        verified.put(key(credentials), signedIn);
    }

    private String key(BasicCredentials credentials) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(credentials.user().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0); // "ab" + "c" and "a" + "bc" differ
            digest.update(credentials.password().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
