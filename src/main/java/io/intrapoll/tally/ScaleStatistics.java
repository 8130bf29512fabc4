package io.intrapoll.tally;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Mean, median and Net Promoter Score of a rating distribution (API.md, "More question types"). */
final class ScaleStatistics {

    private ScaleStatistics() {}

    /** Votes for one value of a scale. */
    record Bucket(int value, long votes) {}

    /** The mean rating, rounded to two decimals; null without votes. */
    static Double mean(List<Bucket> distribution) {
        long count = count(distribution);
        if (count == 0) {
            return null;
        }
        long sum = distribution.stream()
                .mapToLong(bucket -> bucket.value() * bucket.votes())
                .sum();
        return BigDecimal.valueOf(sum)
                .divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** The median rating (of an even count, the mean of the two middle ratings); null without votes. */
    static Double median(List<Bucket> ascending) {
        long count = count(ascending);
        if (count == 0) {
            return null;
        }
        int lower = valueAt(ascending, (count - 1) / 2);
        int upper = valueAt(ascending, count / 2);
        return (lower + upper) / 2.0;
    }

    /** Promoters 9-10, passives 7-8, detractors 0-6; score = % promoters - % detractors, rounded half up. */
    static Results.NpsResult nps(List<Bucket> distribution) {
        long promoters = 0;
        long passives = 0;
        long detractors = 0;
        for (Bucket bucket : distribution) {
            if (bucket.value() >= 9) {
                promoters += bucket.votes();
            } else if (bucket.value() >= 7) {
                passives += bucket.votes();
            } else {
                detractors += bucket.votes();
            }
        }
        long count = promoters + passives + detractors;
        int score = count == 0
                ? 0
                : BigDecimal.valueOf((promoters - detractors) * 100)
                        .divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP)
                        .intValue();
        return new Results.NpsResult(promoters, passives, detractors, score);
    }

    /** The value of the rating at this position (0-based) of all ratings in ascending order. */
    private static int valueAt(List<Bucket> ascending, long position) {
        long seen = 0;
        for (Bucket bucket : ascending) {
            seen += bucket.votes();
            if (position < seen) {
                return bucket.value();
            }
        }
        throw new IllegalArgumentException("position " + position + " past " + seen + " ratings");
    }

    private static long count(List<Bucket> distribution) {
        return distribution.stream().mapToLong(Bucket::votes).sum();
    }
}
