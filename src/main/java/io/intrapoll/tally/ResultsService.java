package io.intrapoll.tally;

import io.intrapoll.identity.AuditAction;
import io.intrapoll.identity.AuditTrail;
import io.intrapoll.identity.Caller;
import io.intrapoll.platform.CacheValues;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollChanged;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollInput;
import io.intrapoll.poll.PollRepository;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollType;
import io.intrapoll.poll.PollView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Results of a poll, for those allowed to see them. */
@ApplicationScoped
public class ResultsService {

    /** The word cloud's size (API.md). */
    static final int WORDS_SHOWN = 50;

    @Inject
    AuditTrail audit;

    @Inject
    PollRepository polls;

    @Inject
    PollCache cache;

    @Inject
    TallyRepository tallies;

    @Inject
    QueueWatch queue;

    @Inject
    LiveTallies live;

    @Inject
    Event<RebuildReport> rebuilt;

    /** Each poll's results body as this node last wrote it ({@link #resultsBody}). */
    private final Map<PollId, Written> bodies = new ConcurrentHashMap<>();

    public Results results(PollId id, Caller caller) {
        return resultsOf(readable(id, caller));
    }

    /**
     * The results as the API's body (what JSON-B writes for {@link #results}), written once per ETag: between two
     * changes of the tallies every reader of a poll gets the same body, and writing it was most of a read's work.
     */
    public ResultsBody resultsBody(PollId id, Caller caller) {
        PollCache.Cached poll = readable(id, caller);
        LiveTallies.Copy copy = live.copyOf(poll.rules().id());
        Written last = bodies.get(poll.rules().id());
        // Final stays final for this poll version (reopening changes it): a closed poll's queue is browsed until its
        // body is final, not for every read of its results. An open poll's body is never final: no second ETag.
        if (last != null && poll.rules().isClosed() && last.matches(etagOf(poll.view(), copy, true), copy)) {
            return last.body();
        }
        boolean isFinal = isFinal(poll);
        if (last != null && last.matches(etagOf(poll.view(), copy, isFinal), copy)) {
            return last.body();
        }
        Results results = resultsOf(poll, copy, WORDS_SHOWN, isFinal);
        ResultsBody body = new ResultsBody(results.etag(), results.openToEveryVoter(), CacheValues.write(results));
        bodies.put(poll.rules().id(), new Written(body, copy.tally()));
        return body;
    }

    /** A body as written, with the counts it was written from. */
    private record Written(ResultsBody body, LiveTallies.Tally tally) {

        /**
         * The counts too, not the ETag alone: a copy re-read from the database (after a repair there) may hold other
         * counts under the same revision.
         */
        boolean matches(String etag, LiveTallies.Copy copy) {
            return body.etag().equals(etag) && tally.equals(copy.tally());
        }
    }

    /**
     * A poll's results as JSON with the ETag naming them, and whether every voter may read them (a shared cache may
     * then keep them).
     */
    public record ResultsBody(String etag, boolean openToEveryVoter, String json) {}

    /** A changed poll's body has another ETag anyway; a deleted one's is no longer kept. */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) PollChanged change) {
        bodies.remove(change.pollId());
    }

    /** The poll as it is now, for streams to check their subscribers against; empty once deleted. */
    public Optional<PollCache.Cached> poll(PollId pollId) {
        return cache.read(pollId);
    }

    /** Whether the caller may read the poll's results now: what {@link #results} checks. */
    public static boolean mayRead(PollCache.Cached poll, Caller caller) {
        return poll.rules().isVisibleTo(caller) && poll.rules().showsResultsTo(caller);
    }

    /**
     * The results as PostgreSQL has them now, for streams: a stream only sends on a change, so it must not send a
     * cached copy that may not have that change yet.
     */
    public Results fromDatabase(PollCache.Cached poll) {
        return resultsOf(poll, live.readNow(poll.rules().id()));
    }

    /** Owners and admins only: the results as rows for a spreadsheet. */
    public Results export(PollId id, Caller caller) {
        PollCache.Cached poll = readable(id, caller);
        if (!poll.rules().isManageableBy(caller)) {
            throw ProblemException.forbidden("Only the poll's owner or an admin may export its results.");
        }
        return resultsOf(poll, live.copyOf(poll.rules().id()), Integer.MAX_VALUE);
    }

    @Transactional
    public RebuildReport rebuild(Caller caller) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only admins rebuild tallies.");
        }
        RebuildReport report = tallies.rebuild(polls::countingByPoll);
        audit.record(
                caller.name(),
                AuditAction.TALLIES_REBUILT,
                null,
                report.polls() + " polls, " + report.ballots() + " ballots");
        rebuilt.fire(report);
        return report;
    }

    /** From the poll cache: a results read needs the database only for RANKED rounds. */
    PollCache.Cached readable(PollId id, Caller caller) {
        PollCache.Cached poll =
                cache.read(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (!poll.rules().isVisibleTo(caller)) {
            throw ProblemException.forbidden("This poll is not open to you.");
        }
        if (!poll.rules().showsResultsTo(caller)) {
            throw ProblemException.forbidden("The results of this poll are shown once it is closed.");
        }
        return poll;
    }

    private Results resultsOf(PollCache.Cached poll) {
        return resultsOf(poll, live.copyOf(poll.rules().id()));
    }

    private Results resultsOf(PollCache.Cached cached, LiveTallies.Copy copy) {
        return resultsOf(cached, copy, WORDS_SHOWN);
    }

    /** @param wordLimit OPEN_TEXT: how many of the most frequent words */
    private Results resultsOf(PollCache.Cached cached, LiveTallies.Copy copy, int wordLimit) {
        return resultsOf(cached, copy, wordLimit, isFinal(cached));
    }

    /** Closed, with none of its ballots still on the queue: the counts will not change again. */
    private boolean isFinal(PollCache.Cached cached) {
        return cached.rules().isClosed() && queue.isDrained(cached.rules().id());
    }

    /**
     * The same tally revision of the same poll version is the same body, which the ETag then names: as of the
     * tallies' last change (the poll's creation before its first ballot), not of the read.
     */
    private static String etagOf(PollView poll, LiveTallies.Copy copy, boolean isFinal) {
        return copy.revision() + "." + poll.version() + (isFinal ? ".final" : "");
    }

    private Results resultsOf(PollCache.Cached cached, LiveTallies.Copy copy, int wordLimit, boolean isFinal) {
        PollView poll = cached.view();
        PollSnapshot rules = cached.rules();
        PollId pollId = rules.id();
        LiveTallies.Tally tally = copy.tally();
        long total = tally.ballots();
        Map<String, Long> votes = tally.votes();
        List<Results.OptionResult> options = poll.options().stream()
                .map(option -> optionResult(option, votes.getOrDefault(option.id(), 0L), total))
                .toList();
        boolean closed = rules.isClosed();
        // An erased poll has no ballots left to run the rounds over (its certificate keeps them).
        List<Results.RoundResult> rounds =
                poll.type() == PollType.RANKED && poll.erasedAt() == null ? rounds(pollId, poll) : null;
        List<ScaleStatistics.Bucket> buckets = buckets(poll, rules, votes);
        List<String> correct = poll.type() == PollType.QUIZ && closed
                ? poll.options().stream()
                        .map(PollView.OptionView::id)
                        .filter(rules.answer().correctOptionIds()::contains)
                        .toList()
                : null;
        Instant asOf = copy.changedAtMillis() > 0 ? Instant.ofEpochMilli(copy.changedAtMillis()) : poll.createdAt();
        String etag = etagOf(poll, copy, isFinal);
        Long eligible = poll.eligible() == null ? null : Long.valueOf(poll.eligible());
        Double turnout = eligible == null || eligible == 0 ? null : percent(total, eligible);
        Decision decision =
                isFinal && poll.decision() != null ? Decision.of(poll.decision(), total, eligible, options) : null;
        return new Results(
                pollId.value(),
                poll.status().name(),
                total,
                options,
                asOf,
                isFinal,
                rounds,
                distribution(buckets, total),
                buckets == null ? null : ScaleStatistics.mean(buckets),
                buckets == null ? null : ScaleStatistics.median(buckets),
                poll.type() == PollType.NPS ? ScaleStatistics.nps(buckets) : null,
                poll.type() == PollType.OPEN_TEXT ? mostFrequent(votes, wordLimit) : null,
                correct,
                eligible,
                turnout,
                decision == null ? null : decision.outcome(),
                decision == null ? null : decision.winnerOptionId(),
                etag,
                cached.rules().showsResultsToEveryVoter());
    }

    /** What a closed SINGLE poll with a decision rule decided. */
    record Decision(String outcome, String winnerOptionId) {

        /**
         * NO_QUORUM when the turnout is under the quorum (or the electorate unknown or empty while a quorum is asked
         * for); else DECIDED by the option with the most ballots when it alone has the most and more than the
         * majority's share; else NO_MAJORITY. On the exact counts, not on the rounded percents.
         */
        static Decision of(PollInput.Decision rule, long ballots, Long eligible, List<Results.OptionResult> options) {
            if (rule.quorumPercent() > 0
                    && (eligible == null || eligible == 0 || ballots * 100 < rule.quorumPercent() * eligible)) {
                return new Decision("NO_QUORUM", null);
            }
            long most = options.stream()
                    .mapToLong(Results.OptionResult::votes)
                    .max()
                    .orElse(0);
            List<Results.OptionResult> leaders =
                    options.stream().filter(option -> option.votes() == most).toList();
            if (leaders.size() == 1 && most * 100 > (long) rule.majorityPercent() * ballots) {
                return new Decision("DECIDED", leaders.get(0).id());
            }
            return new Decision("NO_MAJORITY", null);
        }
    }

    private List<Results.RoundResult> rounds(PollId pollId, PollView poll) {
        return rounds(poll, tallies.rankings(pollId));
    }

    /** The instant-runoff rounds over the given rankings. */
    static List<Results.RoundResult> rounds(PollView poll, List<List<String>> rankings) {
        List<String> order =
                poll.options().stream().map(PollView.OptionView::id).toList();
        return RankedCount.count(order, rankings).stream()
                .map(round -> new Results.RoundResult(
                        round.round(), round.votes(), round.exhausted(), round.eliminated(), round.winner()))
                .toList();
    }

    /** RATING and NPS: the votes for every value of the scale, lowest first; null for the other types. */
    static List<ScaleStatistics.Bucket> buckets(PollView poll, PollSnapshot rules, Map<String, Long> votes) {
        return poll.type().isScale()
                ? rules.optionIds().stream()
                        .map(value ->
                                new ScaleStatistics.Bucket(Integer.parseInt(value), votes.getOrDefault(value, 0L)))
                        .toList()
                : null;
    }

    /** The scale's values with their votes and share of all ballots; null without a scale. */
    static List<Results.ValueResult> distribution(List<ScaleStatistics.Bucket> buckets, long total) {
        return buckets == null
                ? null
                : buckets.stream()
                        .map(bucket ->
                                new Results.ValueResult(bucket.value(), bucket.votes(), percent(bucket.votes(), total)))
                        .toList();
    }

    static Results.OptionResult optionResult(PollView.OptionView option, long votes, long total) {
        return new Results.OptionResult(option.id(), option.label(), votes, percent(votes, total));
    }

    /** Percent of all ballots, one decimal. */
    static double percent(long votes, long total) {
        return total == 0
                ? 0
                : BigDecimal.valueOf(votes * 100.0 / total)
                        .setScale(1, RoundingMode.HALF_UP)
                        .doubleValue();
    }

    /** The most frequent words, ties alphabetically, so the same tallies give the same list. */
    static List<Results.WordCount> mostFrequent(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .filter(word -> word.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(word -> new Results.WordCount(word.getKey(), word.getValue()))
                .toList();
    }
}
