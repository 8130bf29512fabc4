package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private static final FailedLogins.Policy POLICY = new FailedLogins.Policy(10, Duration.ofSeconds(60), 100);
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private static FailedLogins failures(int count, Instant last) {
        FailedLogins record = null;
        for (int i = 0; i < count; i++) {
            record = FailedLogins.afterFailure(record, i == count - 1 ? last : T0.plusSeconds(i));
        }
        return record;
    }

    @Test
    void namesAreOneAccountHoweverTheyAreTyped() {
        assertEquals("voter1", FailedLogins.canonical(" Voter1 "));
        assertEquals("voter1", FailedLogins.canonical("VOTER1"));
        assertEquals("voter1", FailedLogins.canonical("ｖｏｔｅｒ１")); // full-width letters and digit
    }

    @Test
    void theFirstFailuresCostNothing() {
        assertEquals(Optional.empty(), failures(9, T0.plusSeconds(9)).waitFor(POLICY, T0.plusSeconds(9)));
    }

    @Test
    void thenEachTryWaitsLongerUpToTheLongestDelay() {
        Instant last = T0.plusSeconds(100);
        assertEquals(Optional.of(Duration.ofSeconds(5)), failures(10, last).waitFor(POLICY, last));
        assertEquals(Optional.of(Duration.ofSeconds(10)), failures(11, last).waitFor(POLICY, last));
        assertEquals(Optional.of(Duration.ofSeconds(40)), failures(13, last).waitFor(POLICY, last));
        assertEquals(Optional.of(Duration.ofSeconds(60)), failures(14, last).waitFor(POLICY, last));
        assertEquals(Optional.of(Duration.ofSeconds(60)), failures(60, last).waitFor(POLICY, last));
        assertEquals(Optional.of(Duration.ofSeconds(2)), failures(10, last).waitFor(POLICY, last.plusSeconds(3)));
        assertEquals(Optional.empty(), failures(10, last).waitFor(POLICY, last.plusSeconds(5)));
    }

    @Test
    void pastTheHourlyCapTriesWaitForTheHourToEnd() {
        Instant last = T0.plusSeconds(600);
        assertEquals(Optional.of(Duration.ofSeconds(3000)), failures(100, last).waitFor(POLICY, last));
        assertEquals(
                Optional.of(Duration.ofSeconds(1000)), failures(100, last).waitFor(POLICY, last.plusSeconds(2000)));
    }

    @Test
    void aNewHourStartsAfresh() {
        FailedLogins full = failures(100, T0.plusSeconds(600));
        Instant later = T0.plus(FailedLogins.HOUR).plusSeconds(1);
        assertEquals(Optional.empty(), full.waitFor(POLICY, later));
        FailedLogins next = FailedLogins.afterFailure(full, later);
        assertEquals(1, next.failures());
        assertEquals(later, next.hourStart());
    }

    @Test
    void survivesTheCache() {
        FailedLogins record = failures(12, T0.plusSeconds(30));
        assertEquals(record, FailedLogins.decode(record.encode()));
    }
}
