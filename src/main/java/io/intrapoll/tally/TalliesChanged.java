package io.intrapoll.tally;

import io.intrapoll.poll.PollId;
import java.util.List;
import java.util.Map;

/**
 * Fired in the transaction that counted a group of ballots, with what it changed per poll.
 *
 * @param changes per poll, the change to its durable tallies
 * @param ballots the number of ballots in the group
 * @param traces the counting spans of its traced ballots (W3C traceparents), which the results event follows
 */
public record TalliesChanged(Map<PollId, PollChange> changes, int ballots, List<String> traces) {

    public TalliesChanged {
        changes = Map.copyOf(changes);
        traces = List.copyOf(traces);
    }

    /** A change of untraced ballots. */
    public TalliesChanged(Map<PollId, PollChange> changes, int ballots) {
        this(changes, ballots, List.of());
    }

    public List<PollId> pollIds() {
        return changes.keySet().stream().sorted().toList();
    }

    /**
     * The change to one poll's tallies.
     *
     * @param ballots the change in its ballot total
     * @param votes per option, the change in votes
     * @param revision the poll's tally revision this change made: one more than the revision before it, so a
     *     copy of the tallies at revision - 1 (and only that) becomes current by adding this change
     * @param changedAtMillis when it was made (the counting node's clock), which results show as their "asOf"
     */
    public record PollChange(long ballots, Map<String, Long> votes, long revision, long changedAtMillis) {

        public PollChange {
            votes = Map.copyOf(votes);
        }

        /** A change whose time does not matter (tests). */
        public PollChange(long ballots, Map<String, Long> votes, long revision) {
            this(ballots, votes, revision, 0);
        }
    }
}
