package io.intrapoll.identity;

import java.util.Locale;

/**
 * What a request spends. Voting has its own budget, so browsing cannot use up a person's votes, nor the reverse;
 * failed logins have theirs, spent only by wrong passwords, so guessing is slowed while signing in is not.
 */
enum RateBudget {
    VOTE,
    OTHER,
    LOGIN_FAILURE,
    /** Audience questions a person asks: few a minute, counted cluster-wide (a node's share of five is one). */
    QUESTION;

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
