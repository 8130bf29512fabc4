package io.intrapoll.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.intrapoll.tally.ScaleStatistics.Bucket;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScaleStatisticsTest {

    /** Votes per value from min upwards. */
    private static List<Bucket> votes(int min, long... counts) {
        return IntStream.range(0, counts.length)
                .mapToObj(i -> new Bucket(min + i, counts[i]))
                .toList();
    }

    @Test
    void meanIsRoundedToTwoDecimals() {
        assertEquals(2.33, ScaleStatistics.mean(votes(1, 1, 0, 2))); // 1, 3, 3 -> 7/3
        assertEquals(2.67, ScaleStatistics.mean(votes(1, 0, 1, 2))); // 2, 3, 3 -> 8/3
        assertEquals(0.0, ScaleStatistics.mean(votes(0, 4, 0)));
        assertNull(ScaleStatistics.mean(votes(1, 0, 0, 0, 0, 0)));
    }

    @Test
    void medianOfAnOddCountIsTheMiddleRating() {
        assertEquals(2.0, ScaleStatistics.median(votes(1, 1, 1, 1))); // 1, 2, 3
        assertEquals(5.0, ScaleStatistics.median(votes(1, 0, 0, 0, 0, 7)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleRatings() {
        assertEquals(2.5, ScaleStatistics.median(votes(1, 1, 1, 1, 1))); // 1, 2, 3, 4
        assertEquals(3.0, ScaleStatistics.median(votes(1, 1, 0, 2, 0, 1))); // 1, 3, 3, 5
        assertEquals(1.5, ScaleStatistics.median(votes(1, 2, 2))); // 1, 1, 2, 2
        assertNull(ScaleStatistics.median(votes(0, 0, 0)));
    }

    @Test
    void npsSplitsAtSixAndEightAndScoresPromotersMinusDetractors() {
        // 0..10: 2 detractors (0 and 6), 2 passives (7 and 8), 4 promoters (9, 9, 10, 10)
        var nps = ScaleStatistics.nps(votes(0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2));
        assertEquals(new Results.NpsResult(4, 2, 2, 25), nps);
    }

    @Test
    void npsScoreIsRoundedAndRunsFromMinusToPlusAHundred() {
        assertEquals(-100, ScaleStatistics.nps(votes(0, 3)).score());
        assertEquals(100, ScaleStatistics.nps(votes(9, 1, 1)).score());
        // 1 promoter, 2 passives: 33.33 % -> 33
        assertEquals(33, ScaleStatistics.nps(votes(7, 1, 1, 1)).score());
        // 2 promoters, 1 detractor: 33.33 %; 1 promoter of 6 with none detracting: 16.67 -> 17
        assertEquals(17, ScaleStatistics.nps(votes(7, 5, 0, 1)).score());
        assertEquals(0, ScaleStatistics.nps(votes(0, 0)).score());
    }
}
