package io.intrapoll.tally;

import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What counting a group of ballots changes in the tallies, per poll: the change in ballots and per option the change
 * in votes. Counting collects it; {@link TallyRepository#add} applies it in one statement per row.
 */
public final class TallyDeltas {

    // Sorted, so that every counting session takes the tally rows' locks in the same order and none deadlocks.
    private final Map<PollId, Long> ballots = new TreeMap<>();
    private final Map<PollId, Map<String, Long>> votes = new TreeMap<>();

    /** A ballot now counts. */
    public void count(PollId pollId, PollType type, List<String> choices) {
        add(pollId, countedOptions(type, choices), 1);
    }

    /** A ballot no longer counts (it was replaced by a later one of the same person). */
    public void uncount(PollId pollId, PollType type, List<String> choices) {
        add(pollId, countedOptions(type, choices), -1);
    }

    public boolean isEmpty() {
        return ballots.isEmpty();
    }

    Map<PollId, Long> ballots() {
        return ballots;
    }

    Map<String, Long> votes(PollId pollId) {
        return votes.getOrDefault(pollId, Map.of());
    }

    Map<PollId, Map<String, Long>> votes() {
        return votes;
    }

    /** The options a ballot adds a vote to: all it chose, or for RANKED only the first preference. */
    static List<String> countedOptions(PollType type, List<String> choices) {
        return type == PollType.RANKED && !choices.isEmpty() ? choices.subList(0, 1) : choices;
    }

    private void add(PollId pollId, List<String> options, long sign) {
        ballots.merge(pollId, sign, Long::sum);
        Map<String, Long> perOption = votes.computeIfAbsent(pollId, id -> new TreeMap<>());
        options.forEach(option -> perOption.merge(option, sign, Long::sum));
    }
}
