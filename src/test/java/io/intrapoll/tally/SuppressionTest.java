package io.intrapoll.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which groups a breakdown withholds, on counts alone (API.md, "Breakdowns that protect small groups"). */
class SuppressionTest {

    private static final int MIN = 5;

    @Test
    void aGroupUnderTheMinimumIsWithheldAndTheOthersShown() {
        Map<Set<String>, Long> cells = cells(Set.of("engineering"), 40, Set.of("sales"), 3, Set.of(), 12);
        assertEquals(
                Set.of("sales"),
                Suppression.suppressed(List.of("engineering", "sales"), cells, MIN),
                "40 + 3 of 55: the total minus engineering is 15 ballots, sales among them");
    }

    @Test
    void whenTheTotalMinusTheOthersIsTheWithheldGroupTheNextSmallestGoesToo() {
        Map<Set<String>, Long> cells = cells(Set.of("engineering"), 40, Set.of("sales"), 3);
        assertEquals(
                Set.of("engineering", "sales"),
                Suppression.suppressed(List.of("engineering", "sales"), cells, MIN),
                "total 43 - engineering 40 = sales' 3 ballots");
    }

    @Test
    void ofThreeDepartmentsCoveringEveryoneTheSmallestOfTheRestIsWithheld() {
        Map<Set<String>, Long> cells = cells(Set.of("a"), 10, Set.of("b"), 20, Set.of("c"), 3);
        assertEquals(Set.of("a", "c"), Suppression.suppressed(List.of("a", "b", "c"), cells, MIN));
    }

    @Test
    void aParentMinusItsPublishedChildIsChecked() {
        // employees holds everyone; 3 of them are not in engineering.
        Map<Set<String>, Long> cells = cells(Set.of("employees", "engineering"), 502, Set.of("employees"), 3);
        assertEquals(
                Set.of("engineering"),
                Suppression.suppressed(List.of("employees", "engineering"), cells, MIN),
                "employees - engineering = 3 ballots");
    }

    @Test
    void twoSmallWithheldGroupsTogetherAreNoSmallSet() {
        Map<Set<String>, Long> cells = cells(Set.of("a"), 30, Set.of("b"), 3, Set.of("c"), 4);
        assertEquals(
                Set.of("b", "c"),
                Suppression.suppressed(List.of("a", "b", "c"), cells, MIN),
                "total - a = 7 ballots of b and c together: neither one's");
    }

    @Test
    void overlappingGroupsDoNotSubtract() {
        // a and b share 20 ballots: total - a - b is no set of ballots.
        Map<Set<String>, Long> cells = cells(Set.of("a", "b"), 20, Set.of("a"), 10, Set.of("b"), 10, Set.of(), 2);
        assertEquals(Set.of(), Suppression.suppressed(List.of("a", "b"), cells, MIN));
    }

    @Test
    void aGroupWithNoBallotIsWithheldAndEmptyDifferencesRevealNothing() {
        Map<Set<String>, Long> cells = cells(Set.of("a"), 30, Set.of("b"), 20);
        assertEquals(Set.of("c"), Suppression.suppressed(List.of("a", "b", "c"), cells, MIN));
    }

    @Test
    void aDerivedSetOfExactlyTheMinimumIsShown() {
        Map<Set<String>, Long> cells = cells(Set.of("a"), 30, Set.of("b"), 5);
        assertEquals(Set.of(), Suppression.suppressed(List.of("a", "b"), cells, MIN));
    }

    private static Map<Set<String>, Long> cells(Object... signatureThenCount) {
        Map<Set<String>, Long> cells = new HashMap<>();
        for (int i = 0; i < signatureThenCount.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<String> signature = (Set<String>) signatureThenCount[i];
            cells.put(signature, ((Integer) signatureThenCount[i + 1]).longValue());
        }
        return cells;
    }
}
