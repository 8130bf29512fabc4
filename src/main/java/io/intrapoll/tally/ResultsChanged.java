package io.intrapoll.tally;

import io.intrapoll.poll.PollId;
import java.util.List;

/** Polls whose results changed somewhere in the cluster (the tally topic's announcement, on every node). */
public record ResultsChanged(List<PollId> pollIds) {

    public ResultsChanged {
        pollIds = List.copyOf(pollIds);
    }
}
