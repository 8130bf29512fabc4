package io.intrapoll.certificate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * What a voter's or an auditor's own tool does with a certificate, written apart from the server's code: the JWS is
 * checked with jose4j against the published JWKS (ES256 only), commitments are recomputed from trackers, and
 * inclusion proofs are walked with RFC 9162's algorithm (section 2.1.3.2), where the server builds paths with RFC
 * 6962's recursive definition.
 */
final class IndependentVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private IndependentVerifier() {}

    /** The certificate's payload if its signature holds under a key of the JWKS; null otherwise. */
    static JsonObject verifiedPayload(String compactJws, String jwksJson) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
            jws.setCompactSerialization(compactJws);
            JsonWebKey key = new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwksJson).getJsonWebKeys());
            if (key == null) {
                return null;
            }
            jws.setKey(key.getKey());
            if (!jws.verifySignature()) {
                return null;
            }
            return Json.createReader(new StringReader(jws.getPayload())).readObject();
        } catch (JoseException e) {
            return null;
        }
    }

    /** hex SHA-256 of tracker | choices, as API.md defines a commitment. */
    static String commitment(String tracker, String canonicalChoices) {
        return HEX.formatHex(sha256((tracker + "|" + canonicalChoices).getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the path leads from the commitment's leaf to the root (RFC 9162, 2.1.3.2). */
    static boolean isIncluded(String commitment, long leafIndex, long treeSize, List<String> path, String rootHex) {
        if (leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = sha256(concat(new byte[] {0}, HEX.parseHex(commitment)));
        for (String step : path) {
            byte[] p = HEX.parseHex(step);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = sha256(concat(new byte[] {1}, p, r));
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha256(concat(new byte[] {1}, r, p));
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && HEX.formatHex(r).equals(rootHex);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
