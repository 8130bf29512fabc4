package io.intrapoll.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aSumOfSeparateGroupsMinusAThirdIsChecked() {
        // a + b - c = the 4 ballots of a and b outside c.
        Map<Set<String>, Long> cells =
                cells(Set.of("a"), 2, Set.of("a", "c"), 8, Set.of("b"), 2, Set.of("b", "c"), 8, Set.of(), 100);
        Set<String> withheld = Suppression.suppressed(List.of("a", "b", "c"), cells, MIN);
        assertEquals(Set.of("a"), withheld, "the smallest group the sum needs (a and b tie at 10: by name)");
    }

    @Test
    void anOverlapAddedBackIsChecked() {
        // a - b - c + d, where d is exactly b and c's overlap: the 2 ballots of a in neither b nor c.
        Map<Set<String>, Long> cells = cells(
                Set.of("a"),
                2,
                Set.of("a", "b"),
                10,
                Set.of("a", "c"),
                10,
                Set.of("a", "b", "c", "d"),
                10,
                Set.of(),
                50);
        Set<String> withheld = Suppression.suppressed(List.of("a", "b", "c", "d"), cells, MIN);
        assertEquals(Set.of("d"), withheld, "without d, no sum of the others isolates those 2");
    }

    @Test
    void withManyCellsWeightedSumsAreChecked() {
        // 21 cells: 20 small groups of 6 and one group of 3 in a parent "all", every group shown but the 3.
        Map<Set<String>, Long> cells = new HashMap<>();
        List<String> groups = new java.util.ArrayList<>(List.of("all"));
        for (int i = 0; i < 20; i++) {
            cells.put(Set.of("all", "g" + i), 6L);
        }
        cells.put(Set.of("all", "small"), 3L);
        for (int i = 0; i < 9; i++) {
            groups.add("g" + i);
        }
        groups.add("small");
        // all minus nothing shown inside it reveals nothing small; all's 9 shown children leave 66 ballots.
        assertEquals(Set.of("small"), Suppression.suppressed(groups, cells, MIN));
        cells.put(Set.of(), 0L);
        Map<Set<String>, Long> tight = new HashMap<>();
        tight.put(Set.of("all", "big"), 30L);
        tight.put(Set.of("all", "small"), 3L);
        for (int i = 0; i < 20; i++) {
            tight.put(Set.of("x" + i), 6L);
        }
        assertEquals(
                Set.of("big", "small"),
                Suppression.suppressed(List.of("all", "big", "small"), tight, MIN),
                "all - big = small's 3, found among 22 cells");
    }

    @Test
    void twentyCellsOfTenBallotsEachHideNothingSmall() {
        // Every one of the 2^20 sets of cells is tried; none holds 1 to 4 ballots.
        Map<Set<String>, Long> cells = new HashMap<>();
        List<String> groups = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            groups.add("g" + i);
            cells.put(Set.of("g" + i), 10L);
            if (i < 9) {
                cells.put(Set.of("g" + i, "g" + (i + 1)), 10L);
            }
        }
        cells.put(Set.of(), 10L);
        assertEquals(Suppression.EXACT_CELLS, cells.size());
        assertEquals(Set.of(), Suppression.suppressed(groups, cells, MIN));
    }

    @Test
    void withManyCellsTheTotalMinusTheLargestGroupIsChecked() {
        // 33 cells: 3 ballots in no group, and "big" with every combination of a to e (10 each).
        Map<Set<String>, Long> cells = new HashMap<>();
        cells.put(Set.of(), 3L);
        List<String> small = List.of("a", "b", "c", "d", "e");
        for (int mask = 0; mask < 32; mask++) {
            Set<String> signature = new java.util.HashSet<>(Set.of("big"));
            for (int i = 0; i < small.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    signature.add(small.get(i));
                }
            }
            cells.put(signature, 10L);
        }
        assertEquals(Set.of("big"), Suppression.suppressed(List.of("a", "b", "c", "d", "e", "big"), cells, MIN));
    }

    @Test
    void weightsAreEveryVectorOfMinusOneZeroAndOneOnce() {
        int[] weights = new int[3];
        Set<List<Integer>> seen = new java.util.HashSet<>();
        while (Suppression.nextWeights(weights)) {
            assertTrue(seen.add(java.util.Arrays.stream(weights).boxed().toList()), java.util.Arrays.toString(weights));
        }
        assertEquals(26, seen.size(), "3^3 - 1 vectors besides all zeros");
    }

    @Test
    void onlyAGroupTheDisclosureNeedsIsWithheld() {
        // 2 ballots in {a, c} are a - b and also c - d; aa plays no part and stays shown.
        Map<Set<String>, Long> cells =
                cells(Set.of("a", "c"), 2, Set.of("a", "b", "c", "d"), 20, Set.of("aa"), 6, Set.of(), 40);
        Set<String> withheld = Suppression.suppressed(List.of("a", "aa", "b", "c", "d"), cells, MIN);
        assertFalse(withheld.contains("aa"), withheld::toString);
        assertEquals(2, withheld.size(), withheld::toString);
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
