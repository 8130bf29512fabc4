package io.intrapoll.tally;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which groups of a breakdown are withheld (API.md, "Breakdowns that protect small groups"). A group with fewer
 * ballots than the minimum is withheld; then, while the published figures still let a reader work out a small set of
 * ballots, the next smallest group involved is withheld too.
 *
 * <p>What a reader can work out: the poll's total and every published group are sums over ballots. When some
 * published groups lie within a set X (the total, or a published group) and have no ballot in common, X minus their
 * sum is the result of exactly the ballots of X in none of them. That set must hold no ballot or at least the minimum
 * (primary suppression alone fails here: "total minus the other groups" is the withheld group). Groups that share
 * ballots do not subtract to the result of any set of ballots, so only disjoint ones are combined. With at most ten
 * groups every combination is checked.
 */
final class Suppression {

    private Suppression() {}

    /**
     * @param groups the poll's breakdown groups
     * @param ballotsBySignature how many ballots have each set of groups (the empty set: voters in none of them)
     * @param minGroupSize the fewest ballots a published group or a derivable set may have (unless none)
     * @return the groups to withhold
     */
    static Set<String> suppressed(List<String> groups, Map<Set<String>, Long> ballotsBySignature, int minGroupSize) {
        Cells cells = new Cells(ballotsBySignature);
        Set<String> suppressed = new TreeSet<>();
        for (String group : groups) {
            if (cells.count(group) < minGroupSize) {
                suppressed.add(group);
            }
        }
        while (true) {
            List<String> published = groups.stream()
                    .filter(group -> !suppressed.contains(group))
                    .sorted(Comparator.comparingLong(cells::count).thenComparing(Comparator.naturalOrder()))
                    .toList();
            List<String> disclosing = disclosingSet(cells, published, minGroupSize);
            if (disclosing.isEmpty()) {
                return suppressed;
            }
            // The least informative of the groups that make it up: the smallest.
            suppressed.add(disclosing.stream()
                    .min(Comparator.comparingLong(cells::count).thenComparing(Comparator.naturalOrder()))
                    .orElseThrow());
        }
    }

    /**
     * Groups whose published results together reveal fewer ballots than the minimum (X first when X is a group), or
     * an empty list when no combination does.
     */
    private static List<String> disclosingSet(Cells cells, List<String> published, int minGroupSize) {
        List<String> outers = new ArrayList<>();
        outers.add(null); // the poll's total
        outers.addAll(published);
        for (String outer : outers) {
            List<String> inner = published.stream()
                    .filter(group -> !group.equals(outer) && cells.liesWithin(group, outer))
                    .toList();
            long outerCount = outer == null ? cells.total() : cells.count(outer);
            List<String> found = disjointCombination(cells, inner, 0, new ArrayList<>(), outerCount, minGroupSize);
            if (found != null) {
                List<String> disclosing = new ArrayList<>(found);
                if (outer != null) {
                    disclosing.add(0, outer);
                }
                return disclosing;
            }
        }
        return List.of();
    }

    /** A combination of disjoint groups from {@code inner} leaving between 1 and minGroupSize - 1 ballots of X. */
    private static List<String> disjointCombination(
            Cells cells, List<String> inner, int from, List<String> chosen, long remaining, int minGroupSize) {
        for (int i = from; i < inner.size(); i++) {
            String group = inner.get(i);
            if (chosen.stream().anyMatch(other -> cells.overlap(group, other))) {
                continue;
            }
            chosen.add(group);
            long left = remaining - cells.count(group);
            if (left > 0 && left < minGroupSize) {
                return List.copyOf(chosen);
            }
            List<String> deeper = disjointCombination(cells, inner, i + 1, chosen, left, minGroupSize);
            if (deeper != null) {
                return deeper;
            }
            chosen.remove(chosen.size() - 1);
        }
        return null;
    }

    /** Ballot counts by the set of groups their voters were in. */
    private record Cells(Map<Set<String>, Long> bySignature) {

        long total() {
            return bySignature.values().stream().mapToLong(Long::longValue).sum();
        }

        long count(String group) {
            return bySignature.entrySet().stream()
                    .filter(cell -> cell.getKey().contains(group))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        /** Whether every ballot of the group is also one of outer's (null: the total, which holds every ballot). */
        boolean liesWithin(String group, String outer) {
            return outer == null
                    || bySignature.entrySet().stream()
                            .filter(cell -> cell.getValue() > 0 && cell.getKey().contains(group))
                            .allMatch(cell -> cell.getKey().contains(outer));
        }

        boolean overlap(String one, String other) {
            return bySignature.entrySet().stream()
                    .anyMatch(cell -> cell.getValue() > 0
                            && cell.getKey().contains(one)
                            && cell.getKey().contains(other));
        }
    }
}
