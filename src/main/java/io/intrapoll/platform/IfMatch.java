package io.intrapoll.platform;

import java.util.Optional;

/** The version a client's If-Match names: resources tag what they send with its version (ETag "7"). */
public final class IfMatch {

    private IfMatch() {}

    /**
     * "*" or no header asks nothing (empty); otherwise the version in the first entity tag, or -1 (which matches no
     * version, so the answer is 412) when the tag is not one of ours.
     */
    public static Optional<Long> version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return Optional.empty();
        }
        String tag = ifMatch.strip().split(",")[0].strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Optional.of(Long.parseLong(tag));
        } catch (NumberFormatException e) {
            return Optional.of(-1L);
        }
    }
}
