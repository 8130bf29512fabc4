package io.intrapoll.identity;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The failed logins of one account within the hour, and what they allow next. Guessing an account's password gets
 * slower with every wrong one, but the account is never locked for the person it belongs to:
 *
 * <ul>
 *   <li>an address that has not failed for the account within the hour is never held up by its failures (someone
 *       guessing elsewhere cannot lock its owner out);
 *   <li>from an address that has, the first {@code freeFailures} cost nothing, then each next try waits a delay
 *       that doubles with each failure (5 s, 10 s, 20 s, ...) up to {@code maxDelay} after the last failure: the
 *       right password too, but never for longer than that;
 *   <li>once the account has {@code hourlyCap} failures in its hour, addresses that failed for it try no more until
 *       the hour is over.
 * </ul>
 *
 * @param failures failed logins in the hour that began at {@code hourStart}
 * @param hourStart when the first of them happened
 * @param lastFailure when the last of them happened
 */
record FailedLogins(int failures, Instant hourStart, Instant lastFailure) {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);

    /** The policy's settings. */
    record Policy(int freeFailures, Duration maxDelay, int hourlyCap) {}

    /**
     * One account however it is typed: a case-insensitive directory takes "Voter1" and "voter1" for one person, so
     * their failures count together.
     */
    static String canonical(String userName) {
        return Normalizer.normalize(userName.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The record after one more failure at {@code now}: a new hour begins when the last one is over. */
    static FailedLogins afterFailure(FailedLogins before, Instant now) {
        if (before == null || before.isOver(now)) {
            return new FailedLogins(1, now, now);
        }
        return new FailedLogins(before.failures + 1, before.hourStart, now);
    }

    boolean isOver(Instant now) {
        return !now.isBefore(hourStart.plus(HOUR));
    }

    /**
     * How long a try from an address that failed for this account must still wait; empty if it may try now.
     * Addresses that never failed for it are not asked.
     */
    Optional<Duration> waitFor(Policy policy, Instant now) {
        if (isOver(now)) {
            return Optional.empty();
        }
        if (failures >= policy.hourlyCap()) {
            return Optional.of(Duration.between(now, hourStart.plus(HOUR)));
        }
        if (failures < policy.freeFailures()) {
            return Optional.empty();
        }
        Duration until = Duration.between(now, lastFailure.plus(delay(policy)));
        return until.isNegative() || until.isZero() ? Optional.empty() : Optional.of(until);
    }

    /** The wait after the last failure: doubling from {@link #FIRST_DELAY} with each failure past the free ones. */
    Duration delay(Policy policy) {
        int doublings = Math.min(failures - policy.freeFailures(), 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.max(0, doublings));
        return delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay;
    }

    /** As the replicated cache holds it. */
    String encode() {
        return failures + "," + hourStart.toEpochMilli() + "," + lastFailure.toEpochMilli();
    }

    static FailedLogins decode(String stored) {
        if (stored == null) {
            return null;
        }
        String[] fields = stored.split(",");
        return new FailedLogins(
                Integer.parseInt(fields[0]),
                Instant.ofEpochMilli(Long.parseLong(fields[1])),
                Instant.ofEpochMilli(Long.parseLong(fields[2])));
    }
}
