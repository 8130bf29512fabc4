package io.intrapoll.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The user and password of an HTTP Basic {@code Authorization} header (RFC 7617). */
record BasicCredentials(String user, String password) {

    /** Empty when the header is absent or not Basic; a malformed Basic header yields an empty user. */
    static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.of(new BasicCredentials("", ""));
        }
        int colon = decoded.indexOf(':');
        return colon < 0
                ? Optional.of(new BasicCredentials("", ""))
                : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
