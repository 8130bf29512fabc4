package io.intrapoll.event;

import java.security.SecureRandom;

/** Join codes: six characters people can read off a screen and type on a phone without mixing them up. */
final class JoinCodes {

    /** Upper-case letters and digits without the look-alikes 0 O 1 I L (API.md). */
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    static final int LENGTH = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    private JoinCodes() {}

    static String next() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** A code as typed (any case, spaces or a dash between its halves), as stored; empty if it cannot be one. */
    static java.util.Optional<String> normalized(String typed) {
        if (typed == null) {
            return java.util.Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        return code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
                ? java.util.Optional.of(code)
                : java.util.Optional.empty();
    }
}
