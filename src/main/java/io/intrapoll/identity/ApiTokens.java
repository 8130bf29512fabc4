package io.intrapoll.identity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Bearer tokens of API consumers: MicroProfile JWTs signed by the company's identity provider. Configured with the
 * MicroProfile JWT names: {@code mp.jwt.verify.issuer} and the provider's public key, either
 * {@code mp.jwt.verify.publickey} (PEM or a JWKS, inline) or {@code mp.jwt.verify.publickey.location} (a file, or
 * the provider's JWKS address); optionally {@code mp.jwt.verify.audiences}. Without a key no token is accepted.
 * The caller is the token's {@code upn} (else {@code preferred_username}, else {@code sub}); its groups, the
 * {@code groups} claim, grant roles as registry groups do.
 *
 * <p>Why not Liberty's mpJwt feature: it makes MP-JWT the login method of the whole module and answers a refused
 * token with a bare 401 of its own, while here one mechanism ({@link SignIn}) takes Basic credentials, browser
 * sessions and tokens side by side, spends the same rate budgets for all three and answers every refusal as
 * problem+json saying why. The validation itself is jose4j's, the library SmallRye JWT builds on, configured with
 * the MicroProfile JWT property names.
 */
@ApplicationScoped
public class ApiTokens {

    private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());

    /** Signature algorithms accepted; "none" and the HMAC family (a shared secret) never are. */
    private static final AlgorithmConstraints SIGNATURES = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<List<String>> audiences;

    @Inject
    @ConfigProperty(name = "intrapoll.jwt.clock-skew-seconds")
    int clockSkewSeconds;

    private JwtConsumer consumer;

    /** Built while the application starts: a wrong key or issuer stops the start, not every token after it. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the @PostConstruct below does the work
    }

    @PostConstruct
    void configure() {
        if (publicKey.isEmpty() && publicKeyLocation.isEmpty()) {
            return;
        }
        if (issuer.isEmpty()) {
            throw new IllegalStateException("mp.jwt.verify.issuer must be set with the token signing key");
        }
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .setExpectedIssuer(issuer.get())
                .setJwsAlgorithmConstraints(SIGNATURES);
        if (audiences.isPresent() && !audiences.get().isEmpty()) {
            builder.setExpectedAudience(audiences.get().toArray(String[]::new));
        } else {
            builder.setSkipDefaultAudienceValidation();
            LOG.warning("mp.jwt.verify.audiences is not set: tokens the identity provider issued for other services"
                    + " are accepted too");
        }
        String location = publicKeyLocation.orElse("");
        if (location.startsWith("http://")) {
            throw new IllegalStateException("mp.jwt.verify.publickey.location must be https: keys fetched over plain"
                    + " HTTP could be swapped on the way");
        }
        if (location.startsWith("https://")) {
            builder.setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(location)));
        } else {
            String key = publicKey.orElseGet(() -> read(location));
            if (key.strip().startsWith("{")) {
                builder.setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks(key)));
            } else {
                builder.setVerificationKey(pem(key));
            }
        }
        consumer = builder.build();
    }

    /** The caller a valid token speaks for, or the reason it is refused, in words for the 401. */
    Verified verify(String token) throws Refused {
        if (consumer == null) {
            throw new Refused("This server accepts no bearer tokens; use HTTP Basic.");
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new Refused(reason(e));
        }
        if (claims.hasClaim("nonce")) {
            // A browser's sign-in, which sign-out hands to the provider in an address (history, logs): never an API
            // credential, even where the provider and audience are the API's.
            throw new Refused("This is an ID token (it has a nonce), not an access token.");
        }
        try {
            String name = claims.getClaimValueAsString("upn");
            if (name == null) {
                name = claims.getClaimValueAsString("preferred_username");
            }
            if (name == null) {
                name = claims.getSubject();
            }
            List<String> groups = claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
            if (name == null || name.isBlank() || groups.stream().anyMatch(group -> group == null || group.isBlank())) {
                throw new Refused("The token names no caller, or lists an empty group.");
            }
            return new Verified(
                    name,
                    Set.copyOf(groups),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (MalformedClaimException | ClassCastException e) {
            throw new Refused("The token's upn or groups claim has the wrong type.");
        }
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "The token has expired.";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "The token was not issued by the configured issuer.";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "The token's signature does not verify with the configured key.";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "The token is not meant for this service (audience).";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "The token is not valid yet.";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING) || e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return "The token lacks an expiry (exp) or a subject (sub).";
        }
        return "The token could not be read or verified.";
    }

    private static String read(String location) {
        try {
            return Files.readString(Path.of(location.replaceFirst("^file:", "")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mp.jwt.verify.publickey.location " + location, e);
        }
    }

    private static List<org.jose4j.jwk.JsonWebKey> jwks(String json) {
        try {
            return new JsonWebKeySet(json).getJsonWebKeys();
        } catch (JoseException e) {
            throw new IllegalStateException("The configured JWKS cannot be read", e);
        }
    }

    /** A PEM public key (SubjectPublicKeyInfo), RSA or EC. */
    static PublicKey pem(String text) {
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        throw new IllegalStateException("The configured public key is neither an RSA nor an EC key in PEM");
    }

    /** Who a verified token speaks for. */
    /** @param expiresAt the token's expiry: what it opened (a results stream) closes then */
    record Verified(String caller, Set<String> groups, Instant expiresAt) {}

    /** A token refused, with the reason the 401 tells the client. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }
}
