package io.intrapoll.tally;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instant-runoff counting of ranked ballots: each round every ballot counts for its highest-ranked option still
 * in the race; an option with more than half of those ballots wins, otherwise the option with the fewest is
 * eliminated (a tie goes against the option listed later in the poll) and the next round begins.
 */
public final class RankedCount {

    private RankedCount() {}

    /** One round: votes per continuing option, in poll order, and what the round decided. */
    public record Round(int round, Map<String, Long> votes, long exhausted, String eliminated, String winner) {}

    public static List<Round> count(List<String> optionOrder, Collection<List<String>> ballots) {
        Set<String> continuing = new LinkedHashSet<>(optionOrder);
        List<Round> rounds = new ArrayList<>();
        while (!continuing.isEmpty()) {
            Map<String, Long> votes = new LinkedHashMap<>();
            continuing.forEach(option -> votes.put(option, 0L));
            long exhausted = 0;
            for (List<String> ranking : ballots) {
                String choice = ranking.stream()
                        .filter(continuing::contains)
                        .findFirst()
                        .orElse(null);
                if (choice == null) {
                    exhausted++;
                } else {
                    votes.merge(choice, 1L, Long::sum);
                }
            }
            long active = votes.values().stream().mapToLong(Long::longValue).sum();
            String leader = leader(votes);
            if (active == 0) {
                rounds.add(new Round(rounds.size() + 1, votes, exhausted, null, null));
                return rounds;
            }
            if (votes.get(leader) * 2 > active || continuing.size() == 1) {
                rounds.add(new Round(rounds.size() + 1, votes, exhausted, null, leader));
                return rounds;
            }
            String last = trailer(votes);
            rounds.add(new Round(rounds.size() + 1, votes, exhausted, last, null));
            continuing.remove(last);
        }
        return rounds;
    }

    private static String leader(Map<String, Long> votes) {
        String leader = null;
        for (var entry : votes.entrySet()) {
            if (leader == null || entry.getValue() > votes.get(leader)) {
                leader = entry.getKey();
            }
        }
        return leader;
    }

    private static String trailer(Map<String, Long> votes) {
        String trailer = null;
        for (var entry : votes.entrySet()) {
            if (trailer == null || entry.getValue() <= votes.get(trailer)) {
                trailer = entry.getKey();
            }
        }
        return trailer;
    }
}
