package io.intrapoll.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankedCountTest {

    private static final List<String> OPTIONS = List.of("a", "b", "c");

    @Test
    void majorityOfFirstPreferencesWinsInTheFirstRound() {
        var rounds = RankedCount.count(OPTIONS, List.of(List.of("a"), List.of("a", "b"), List.of("b")));
        assertEquals(1, rounds.size());
        assertEquals("a", rounds.get(0).winner());
    }

    @Test
    void fewestIsEliminatedAndItsBallotsMoveOn() {
        var rounds = RankedCount.count(
                OPTIONS, List.of(List.of("a", "b"), List.of("a"), List.of("b", "a"), List.of("b"), List.of("c", "b")));
        assertEquals(2, rounds.size());
        assertEquals("c", rounds.get(0).eliminated());
        assertEquals(3L, rounds.get(1).votes().get("b"));
        assertEquals("b", rounds.get(1).winner());
    }

    @Test
    void exhaustedBallotsAreCountedApart() {
        var rounds = RankedCount.count(
                OPTIONS, List.of(List.of("a"), List.of("a"), List.of("b"), List.of("b"), List.of("c")));
        assertEquals("c", rounds.get(0).eliminated());
        assertEquals(1L, rounds.get(1).exhausted());
    }

    @Test
    void tieForLastEliminatesTheOptionListedLater() {
        var rounds = RankedCount.count(OPTIONS, List.of(List.of("a"), List.of("a"), List.of("b"), List.of("c")));
        assertEquals("c", rounds.get(0).eliminated());
    }

    @Test
    void noBallotsMeansNoWinner() {
        var rounds = RankedCount.count(OPTIONS, List.of());
        assertEquals(1, rounds.size());
        assertNull(rounds.get(0).winner());
    }
}
