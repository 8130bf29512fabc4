package io.intrapoll.vote;

import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollStatus;
import io.intrapoll.poll.PollType;
import io.intrapoll.poll.ResultsVisibility;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The poll cache as ballots and counting see it: the polls a test set up, and no others. */
final class KnownPolls extends PollCache {

    static final List<String> OPTIONS = List.of("red", "green", "blue");

    private final Map<PollId, PollSnapshot> polls = new ConcurrentHashMap<>();

    @Override
    public Optional<PollSnapshot> find(PollId id) {
        return Optional.ofNullable(polls.get(id));
    }

    @Override
    public boolean isErased(PollId id) {
        return false;
    }

    PollSnapshot add(PollSnapshot poll) {
        polls.put(poll.id(), poll);
        return poll;
    }

    /** An open poll of the options red, green and blue, open to everyone. */
    static PollSnapshot open(PollId id, PollType type, boolean anonymous, boolean allowVoteChange) {
        return new PollSnapshot(
                id,
                type,
                null,
                OPTIONS,
                PollStatus.OPEN,
                anonymous,
                allowVoteChange,
                "author",
                Set.of(),
                Set.of(),
                ResultsVisibility.LIVE,
                PollSnapshot.Answer.NONE);
    }
}
