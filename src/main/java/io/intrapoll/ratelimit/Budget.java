package io.intrapoll.ratelimit;

/** What a request spends: voting has its own budget, so browsing cannot use up a person's votes, nor the reverse. */
enum Budget {
    VOTE,
    OTHER;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
