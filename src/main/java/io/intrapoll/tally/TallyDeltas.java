package io.intrapoll.tally;

import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What counting a group of ballots changes in the tallies, per poll: the change in ballots and per key the change
 * in votes. A key is an option's id, a rating's value, or a word of an open-text answer. Counting collects it;
 * {@link TallyRepository#add} applies it in one statement per row.
 */
public final class TallyDeltas {

    // Sorted, so that every counting session takes the tally rows' locks in the same order and none deadlocks.
    private final Map<PollId, Long> ballots = new TreeMap<>();
    private final Map<PollId, Map<String, Long>> votes = new TreeMap<>();

    /** A ballot now counts (an open-text answer: with the words of its text, in the poll's language). */
    public void count(PollId pollId, PollType type, List<String> choices) {
        count(pollId, countedKeys(type, null, choices));
    }

    /** A ballot now counts, adding a vote to each of the given keys. */
    public void count(PollId pollId, List<String> keys) {
        add(pollId, keys, 1, 1);
    }

    /** A ballot no longer counts (it was replaced by a later one of the same person). */
    public void uncount(PollId pollId, PollType type, List<String> choices) {
        uncount(pollId, countedKeys(type, null, choices));
    }

    public void uncount(PollId pollId, List<String> keys) {
        add(pollId, keys, -1, -1);
    }

    /** A counted answer is shown again (+1) or hidden (-1): its words change, the ballot total does not. */
    public void changeKeys(PollId pollId, List<String> keys, int sign) {
        add(pollId, keys, 0, sign);
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

    /**
     * The keys a ballot adds a vote to: all options it chose, for RANKED only the first preference, for OPEN_TEXT
     * the words of its text (each once), for RATING and NPS its value.
     *
     * @param language OPEN_TEXT: whose stop words to leave out (null: English)
     */
    public static List<String> countedKeys(PollType type, String language, List<String> choices) {
        if (type == PollType.OPEN_TEXT) {
            // Stored texts are read back split at commas (CountedBallot); the words are the same either way.
            return Words.of(String.join(",", choices), language);
        }
        return type == PollType.RANKED && !choices.isEmpty() ? choices.subList(0, 1) : choices;
    }

    private void add(PollId pollId, List<String> keys, long ballotSign, long keySign) {
        ballots.merge(pollId, ballotSign, Long::sum);
        Map<String, Long> perKey = votes.computeIfAbsent(pollId, id -> new TreeMap<>());
        keys.forEach(key -> perKey.merge(key, keySign, Long::sum));
    }
}
