package io.intrapoll.identity;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.AgainstTheServer;
import io.intrapoll.support.Api;
import io.intrapoll.support.ResultsStream;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * API consumers with bearer tokens (MicroProfile JWT): the test plays the identity provider, signing with the key
 * pair of src/test/resources/jwt, whose public half and issuer the integration-test server is configured with.
 */
class ApiTokensIT extends AgainstTheServer {

    private static final String ISSUER = "https://idp.intrapoll.test";

    private static Api bearer(String token) {
        return Api.anonymous().with("Authorization", "Bearer " + token);
    }

    @Test
    void aValidTokenSpeaksForItsUserWithTheRolesOfItsGroups() throws Exception {
        Api reporting = bearer(sign(claims("reporting-service", List.of("authors", "engineering"), 300), key()));
        JsonObject me = reporting.get("/api/v1/me").json();
        assertEquals("reporting-service", me.getString("name"));
        assertEquals(
                List.of("author", "voter"),
                me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString).stream()
                        .sorted()
                        .toList());

        JsonObject poll = TestPolls.create(
                reporting,
                TestPolls.withAudience(
                        TestPolls.singleChoice("Made with a token").add("open", true), List.of("engineering")));
        assertEquals("reporting-service", poll.getString("createdBy"));
        String option = Votes.optionIds(poll)[0];
        Api engineer = bearer(sign(claims("dana", List.of("employees", "engineering"), 300), key()));
        assertEquals(202, Votes.vote(engineer, poll.getString("id"), option).status());
        Api salesperson = bearer(sign(claims("erin", List.of("employees", "sales"), 300), key()));
        assertEquals(403, Votes.vote(salesperson, poll.getString("id"), option).status(), "not in the audience");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        JwtClaims expired = claims("late-service", List.of("employees"), -120);
        Api.Reply reply = bearer(sign(expired, key())).get("/api/v1/me");
        assertRefused(reply, "expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        assertRefused(
                bearer(sign(claims("forger", List.of("admins"), 300), stranger)).get("/api/v1/me"), "signature");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        JwtClaims claims = claims("elsewhere", List.of("admins"), 300);
        claims.setIssuer("https://idp.other.example");
        assertRefused(bearer(sign(claims, key())).get("/api/v1/me"), "issuer");
    }

    @Test
    void anIdTokenIsNoAccessToken() throws Exception {
        JwtClaims claims = claims("browser", List.of("admins"), 300);
        claims.setClaim("nonce", "n-0S6_WzA2Mj"); // what a browser's sign-in carries
        assertRefused(bearer(sign(claims, key())).get("/api/v1/me"), "id token");
    }

    @Test
    void unsignedAndUnreadableTokensAreRefused() throws Exception {
        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims("nobody", List.of("admins"), 300).toJson());
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        assertRefused(bearer(none.getCompactSerialization()).get("/api/v1/me"), "could not be read");
        assertRefused(bearer("not.a.token").get("/api/v1/polls"), "could not be read");
    }

    /** Algorithm confusion: HMAC keyed with the (public) verification key must not pass for a signature. */
    @Test
    void aTokenMacedWithThePublicKeyIsRefused() throws Exception {
        byte[] publicKey;
        try (InputStream pem = ApiTokensIT.class.getResourceAsStream("/jwt/signing-key.pub.pem")) {
            publicKey = pem.readAllBytes();
        }
        JsonWebSignature hmac = new JsonWebSignature();
        hmac.setPayload(claims("confused", List.of("admins"), 300).toJson());
        hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hmac.setKey(new org.jose4j.keys.HmacKey(publicKey));
        assertEquals(
                401, bearer(hmac.getCompactSerialization()).get("/api/v1/me").status());
    }

    /** The token's groups are the caller's groups, even when its name is a registry user's (admin here). */
    @Test
    void aTokenNamingARegistryUserCarriesOnlyItsOwnGroups() throws Exception {
        JsonObject me = bearer(sign(claims("admin", null, 300), key()))
                .get("/api/v1/me")
                .json();
        assertEquals("admin", me.getString("name"));
        assertTrue(me.getJsonArray("roles").isEmpty(), me::toString);
        assertTrue(me.getJsonArray("groups").isEmpty(), me::toString);
    }

    @Test
    void aTokenWithoutGroupsSignsInWithNoRole() throws Exception {
        Api groupless = bearer(sign(claims("no-groups", null, 300), key()));
        JsonObject me = groupless.get("/api/v1/me").json();
        assertEquals("no-groups", me.getString("name"));
        assertTrue(me.getJsonArray("roles").isEmpty(), me::toString);
        assertProblem(
                403,
                groupless.post(
                        "/api/v1/polls",
                        TestPolls.singleChoice("Not mine to make").build().toString()));
        JsonObject openToAll = TestPolls.create(
                Api.as("author"),
                TestPolls.singleChoice("Open to every employee").add("open", true));
        assertProblem(403, Votes.vote(groupless, openToAll.getString("id"), Votes.optionIds(openToAll)[0]));
    }

    private static void assertRefused(Api.Reply reply, String reason) {
        JsonObject problem = assertProblem(401, reply);
        assertTrue(problem.getString("detail").toLowerCase().contains(reason), problem::toString);
        assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer "), reply::toString);
        assertTrue(reply.header("WWW-Authenticate").contains("error=\"invalid_token\""), reply::toString);
    }

    @Test
    void aResultsStreamEndsWhenItsTokenExpires() throws Exception {
        JsonObject poll = TestPolls.create(
                Api.as("author"),
                TestPolls.singleChoice("Followed with a token").add("open", true));
        String token = sign(claims("short-lived-service", List.of("employees"), 4), key());
        try (ResultsStream stream =
                ResultsStream.openWith(Api.itServer(), poll.getString("id"), "Authorization", "Bearer " + token)) {
            assertEquals(200, stream.status());
            assertNotNull(stream.next(Duration.ofSeconds(3)), "the results at once");
            assertTrue(stream.awaitEnd(Duration.ofSeconds(10)), "the stream ended when its token expired");
        }
    }

    private static JwtClaims claims(String user, List<String> groups, long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(expiresInSeconds);
        claims.setExpirationTime(expiry);
        if (groups != null) {
            claims.setStringListClaim("groups", groups);
        }
        return claims;
    }

    private static String sign(JwtClaims claims, PrivateKey key) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    private static PrivateKey key() throws IOException, GeneralSecurityException {
        try (InputStream pem = ApiTokensIT.class.getResourceAsStream("/jwt/signing-key.pem")) {
            String base64 = new String(pem.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
    }
}
