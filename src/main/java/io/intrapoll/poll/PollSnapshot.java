package io.intrapoll.poll;

import io.intrapoll.identity.Caller;
import java.util.List;
import java.util.Set;

/**
 * What a ballot is checked against: a poll's shape, status and audience, small enough to cache on every node.
 * It also holds the rules of who sees a poll, which {@link Poll} applies too.
 */
public record PollSnapshot(
        PollId id,
        PollType type,
        Integer maxChoices,
        List<String> optionIds,
        PollStatus status,
        boolean anonymous,
        boolean allowVoteChange,
        String createdBy,
        Set<String> audienceGroups,
        ResultsVisibility resultsVisibility) {

    public PollSnapshot {
        optionIds = List.copyOf(optionIds);
        audienceGroups = Set.copyOf(audienceGroups);
    }

    static PollSnapshot of(Poll poll) {
        return new PollSnapshot(
                poll.id(),
                poll.type(),
                poll.maxChoices(),
                poll.options().stream().map(PollOption::id).toList(),
                poll.status(),
                poll.anonymous(),
                poll.allowVoteChange(),
                poll.createdBy(),
                poll.audienceGroups(),
                poll.resultsVisibility());
    }

    static PollSnapshot of(PollView poll) {
        return new PollSnapshot(
                new PollId(poll.id()),
                poll.type(),
                poll.maxChoices(),
                poll.options().stream().map(PollView.OptionView::id).toList(),
                poll.status(),
                poll.anonymous(),
                poll.allowVoteChange(),
                poll.createdBy(),
                Set.copyOf(poll.audienceGroups()),
                poll.resultsVisibility());
    }

    /** CLOSED or ARCHIVED: no more ballots, the results are final once counted. */
    public boolean isClosed() {
        return status == PollStatus.CLOSED || status == PollStatus.ARCHIVED;
    }

    /** AFTER_CLOSE polls show their results to voters only once closed; owners and admins see them always. */
    public boolean showsResultsTo(Caller caller) {
        return resultsVisibility != ResultsVisibility.AFTER_CLOSE || isClosed() || isManageableBy(caller);
    }

    /** Whether every voter may read the results now: a poll for everyone, past its draft, results not held back. */
    public boolean showsResultsToEveryVoter() {
        return audienceGroups.isEmpty()
                && status != PollStatus.DRAFT
                && (resultsVisibility != ResultsVisibility.AFTER_CLOSE || isClosed());
    }

    public boolean isOwnedBy(Caller caller) {
        return createdBy.equals(caller.name());
    }

    /**
     * Admins and owners see every poll; other voters see non-drafts whose audience includes them. Someone signed in
     * with no role in Intrapoll (in none of its groups) sees none.
     */
    public boolean isVisibleTo(Caller caller) {
        return caller.isAdmin()
                || (caller.isVoter() && (isOwnedBy(caller) || (status != PollStatus.DRAFT && isInAudience(caller))));
    }

    public boolean isInAudience(Caller caller) {
        return audienceGroups.isEmpty() || audienceGroups.stream().anyMatch(caller::isInGroup);
    }

    public boolean isManageableBy(Caller caller) {
        return caller.isAdmin() || (isOwnedBy(caller) && caller.isAuthor());
    }
}
