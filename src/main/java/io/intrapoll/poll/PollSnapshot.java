package io.intrapoll.poll;

import io.intrapoll.identity.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a ballot is checked against: a poll's shape, status and audience, small enough to cache on every node.
 * It also holds the rules of who sees a poll, which {@link Poll} applies too.
 *
 * @param breakdownGroups the groups a ballot notes its voter's membership of (API.md, "Breakdowns")
 * @param optionIds what a ballot may choose: the options' ids, or for RATING and NPS the scale's values as text
 * @param answer how a ballot answers beyond its choices: the longest text, the language, the quiz's correct options
 *     and time limit
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
        Set<String> breakdownGroups,
        ResultsVisibility resultsVisibility,
        Answer answer) {

    public PollSnapshot {
        optionIds = List.copyOf(optionIds);
        audienceGroups = Set.copyOf(audienceGroups);
        breakdownGroups = Set.copyOf(breakdownGroups);
    }

    /**
     * @param maxLength OPEN_TEXT: the longest text
     * @param language OPEN_TEXT: whose stop words the word cloud leaves out
     * @param correctOptionIds QUIZ: the right choices
     * @param timeLimitSeconds QUIZ: how long after opening ballots are taken (null: no limit)
     * @param openedAt when the poll last opened (null while a draft)
     */
    public record Answer(
            Integer maxLength,
            String language,
            Set<String> correctOptionIds,
            Integer timeLimitSeconds,
            Instant openedAt) {

        public Answer {
            correctOptionIds = Set.copyOf(correctOptionIds);
        }

        public static final Answer NONE = new Answer(null, null, Set.of(), null, null);
    }

    static PollSnapshot of(Poll poll) {
        return of(PollView.of(poll));
    }

    static PollSnapshot of(PollView poll) {
        return new PollSnapshot(
                new PollId(poll.id()),
                poll.type(),
                poll.maxChoices(),
                choosable(poll),
                poll.status(),
                poll.anonymous(),
                poll.allowVoteChange(),
                poll.createdBy(),
                Set.copyOf(poll.audienceGroups()),
                poll.breakdownGroups() == null ? Set.of() : Set.copyOf(poll.breakdownGroups()),
                poll.resultsVisibility(),
                new Answer(
                        poll.maxLength(),
                        poll.language(),
                        poll.options().stream()
                                .filter(option -> Boolean.TRUE.equals(option.correct()))
                                .map(PollView.OptionView::id)
                                .collect(Collectors.toSet()),
                        poll.timeLimitSeconds(),
                        poll.openedAt()));
    }

    private static List<String> choosable(PollView poll) {
        if (poll.scale() != null && poll.type() != null && poll.type().isScale()) {
            return IntStream.rangeClosed(poll.scale().min(), poll.scale().max())
                    .mapToObj(Integer::toString)
                    .toList();
        }
        return poll.options().stream().map(PollView.OptionView::id).toList();
    }

    /** A quiz's correct options are for owners and admins, and for everyone once the poll is closed. */
    public boolean showsAnswersTo(Caller caller) {
        return isClosed() || isManageableBy(caller);
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
