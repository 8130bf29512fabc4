package io.intrapoll.tally;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which groups of a breakdown are withheld (API.md, "Breakdowns that protect small groups"). A group with fewer
 * ballots than the minimum is withheld; then, while the figures still shown let a reader work out the result of a
 * small set of ballots, the smallest group needed for that is withheld too.
 *
 * <p>What a reader can work out: ballots fall into cells by the set of groups their voters were in. The poll's total
 * and every shown group are sums over cells, and so is any weighted sum of them: total - engineering is every ballot
 * outside engineering, a + b - c may be the ballots of a and b outside c. When such a sum adds up exactly a set of
 * cells (each once, the others not at all) holding 1 to minimum - 1 ballots, that set's result is disclosed. With
 * few cells (up to {@value #EXACT_CELLS}, as with a few departments and a parent group) every set of cells is tried
 * against the figures shown, exactly; with more, every sum of the figures with weights -1, 0 and 1.
 */
final class Suppression {

    /** Up to this many non-empty cells, every set of them is tried (2^20 sets). */
    static final int EXACT_CELLS = 20;

    private static final double EPSILON = 1e-9;

    private Suppression() {}

    /**
     * @param groups the poll's breakdown groups
     * @param ballotsBySignature how many ballots have each set of groups (the empty set: voters in none of them)
     * @param minGroupSize the fewest ballots a shown group, or a set a reader can work out, may have (unless none)
     * @return the groups to withhold
     */
    static Set<String> suppressed(List<String> groups, Map<Set<String>, Long> ballotsBySignature, int minGroupSize) {
        List<Cell> cells = ballotsBySignature.entrySet().stream()
                .filter(cell -> cell.getValue() > 0)
                .map(cell -> new Cell(cell.getKey(), cell.getValue()))
                .toList();
        Comparator<String> smallestFirst =
                Comparator.<String>comparingLong(group -> count(cells, group)).thenComparing(Comparator.naturalOrder());
        Set<String> suppressed = new TreeSet<>();
        for (String group : groups) {
            if (count(cells, group) < minGroupSize) {
                suppressed.add(group);
            }
        }
        while (true) {
            List<String> shown = groups.stream()
                    .filter(group -> !suppressed.contains(group))
                    .sorted(smallestFirst)
                    .toList();
            Optional<List<String>> needed = disclosure(cells, shown, minGroupSize);
            if (needed.isEmpty()) {
                return suppressed;
            }
            suppressed.add(needed.get().stream().min(smallestFirst).orElseThrow());
        }
    }

    /** The shown groups a disclosure needs, if the figures shown disclose a small set of ballots. */
    private static Optional<List<String>> disclosure(List<Cell> cells, List<String> shown, int minGroupSize) {
        if (shown.isEmpty()) {
            return Optional.empty(); // the total alone is the poll's results, public anyway
        }
        return cells.size() <= EXACT_CELLS
                ? exactDisclosure(cells, shown, minGroupSize)
                : weightedDisclosure(cells, shown, minGroupSize);
    }

    /** Every set of cells but all of them, tried against the span of the figures shown. */
    private static Optional<List<String>> exactDisclosure(List<Cell> cells, List<String> shown, int minGroupSize) {
        int m = cells.size();
        double[][] orthogonal = nullSpace(rows(cells, shown), m);
        double[] dots = new double[orthogonal.length];
        boolean[] in = new boolean[m];
        long ballots = 0;
        int size = 0;
        for (long step = 1; step < (1L << m); step++) {
            int flip = Long.numberOfTrailingZeros(step); // Gray code: one cell in or out per step
            int sign = in[flip] ? -1 : 1;
            in[flip] = !in[flip];
            size += sign;
            ballots += sign * cells.get(flip).ballots();
            for (int i = 0; i < orthogonal.length; i++) {
                dots[i] += sign * orthogonal[i][flip];
            }
            // The running sums drift over a million steps: a near-zero is checked again, computed afresh.
            if (ballots > 0 && ballots < minGroupSize && size < m && isNearZero(dots) && inSpan(orthogonal, in)) {
                return Optional.of(needed(cells, shown, in.clone()));
            }
        }
        return Optional.empty();
    }

    /**
     * A smallest-possible choice of shown groups whose figures still give the set: the largest are left out first
     * while the set stays in their span. Withholding any one of these breaks this way of working the set out.
     *
     * @param shown smallest first
     */
    private static List<String> needed(List<Cell> cells, List<String> shown, boolean[] set) {
        List<String> needed = new ArrayList<>(shown);
        for (int largest = shown.size() - 1; largest >= 0; largest--) {
            String group = shown.get(largest);
            List<String> without = new ArrayList<>(needed);
            without.remove(group);
            if (inSpan(nullSpace(rows(cells, without), cells.size()), set)) {
                needed = without;
            }
        }
        return needed;
    }

    /** Every sum of the total and the shown groups with weights -1, 0 and 1 that adds up a set of cells. */
    private static Optional<List<String>> weightedDisclosure(List<Cell> cells, List<String> shown, int minGroupSize) {
        double[][] rows = rows(cells, shown);
        int[] weights = new int[rows.length];
        while (nextWeights(weights)) {
            long ballots = 0;
            boolean aSet = true;
            boolean every = true;
            for (int cell = 0; cell < cells.size() && aSet; cell++) {
                int value = 0;
                for (int row = 0; row < rows.length; row++) {
                    value += weights[row] * (int) rows[row][cell];
                }
                aSet = value == 0 || value == 1;
                every &= value == 1;
                ballots += value == 1 ? cells.get(cell).ballots() : 0;
            }
            if (aSet && !every && ballots > 0 && ballots < minGroupSize) {
                List<String> needed = new ArrayList<>();
                for (int row = 1; row < rows.length; row++) {
                    if (weights[row] != 0) {
                        needed.add(shown.get(row - 1));
                    }
                }
                return Optional.of(needed.isEmpty() ? shown : needed);
            }
        }
        return Optional.empty();
    }

    /** The next weights in {-1, 0, 1}, counting in base 3 (0, 1, -1, then carry); false after the last. */
    static boolean nextWeights(int[] weights) {
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0) {
                weights[i] = 1;
                return true;
            }
            if (weights[i] == 1) {
                weights[i] = -1;
                return true;
            }
            weights[i] = 0;
        }
        return false;
    }

    /** The total's row (all ones) and each shown group's (1 where the cell's voters are in it). */
    private static double[][] rows(List<Cell> cells, List<String> shown) {
        List<double[]> rows = new ArrayList<>();
        double[] total = new double[cells.size()];
        java.util.Arrays.fill(total, 1);
        rows.add(total);
        for (String group : shown) {
            double[] row = new double[cells.size()];
            for (int cell = 0; cell < cells.size(); cell++) {
                row[cell] = cells.get(cell).groups().contains(group) ? 1 : 0;
            }
            rows.add(row);
        }
        return rows.toArray(double[][]::new);
    }

    /** A basis of the vectors orthogonal to every row: a set is in the rows' span when it is orthogonal to each. */
    static double[][] nullSpace(double[][] rows, int columns) {
        double[][] a = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            a[r] = rows[r].clone();
        }
        int[] pivotOfRow = new int[rows.length];
        boolean[] isPivot = new boolean[columns];
        int rank = 0;
        for (int col = 0; col < columns && rank < a.length; col++) {
            int best = rank;
            for (int r = rank + 1; r < a.length; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[best][col])) {
                    best = r;
                }
            }
            if (Math.abs(a[best][col]) < EPSILON) {
                continue;
            }
            double[] swap = a[rank];
            a[rank] = a[best];
            a[best] = swap;
            double pivot = a[rank][col];
            for (int c = 0; c < columns; c++) {
                a[rank][c] /= pivot;
            }
            for (int r = 0; r < a.length; r++) {
                if (r != rank && Math.abs(a[r][col]) > EPSILON) {
                    double factor = a[r][col];
                    for (int c = 0; c < columns; c++) {
                        a[r][c] -= factor * a[rank][c];
                    }
                }
            }
            pivotOfRow[rank++] = col;
            isPivot[col] = true;
        }
        List<double[]> basis = new ArrayList<>();
        for (int free = 0; free < columns; free++) {
            if (!isPivot[free]) {
                double[] y = new double[columns];
                y[free] = 1;
                for (int r = 0; r < rank; r++) {
                    y[pivotOfRow[r]] = -a[r][free];
                }
                basis.add(y);
            }
        }
        return basis.toArray(double[][]::new);
    }

    private static boolean inSpan(double[][] orthogonal, boolean[] set) {
        for (double[] y : orthogonal) {
            double dot = 0;
            for (int cell = 0; cell < set.length; cell++) {
                dot += set[cell] ? y[cell] : 0;
            }
            if (Math.abs(dot) > EPSILON) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNearZero(double[] dots) {
        for (double dot : dots) {
            if (Math.abs(dot) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    private static long count(List<Cell> cells, String group) {
        return cells.stream()
                .filter(cell -> cell.groups().contains(group))
                .mapToLong(Cell::ballots)
                .sum();
    }

    /** The ballots whose voters were in exactly these groups. */
    private record Cell(Set<String> groups, long ballots) {}
}
