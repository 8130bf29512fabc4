package io.intrapoll.tally;

import io.intrapoll.identity.Caller;
import io.intrapoll.platform.CacheValues;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollChanged;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollType;
import io.intrapoll.poll.PollView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Results per breakdown group (API.md, "Breakdowns that protect small groups"), from the counted ballots, each of
 * which keeps the breakdown groups its voter was in. Shown once the poll is closed and every ballot counted, and then
 * fixed: while ballots arrive, or between two closes, two reads a vote apart would show how that voter's group
 * voted.
 */
@ApplicationScoped
public class Breakdowns {

    @Inject
    ResultsService results;

    @Inject
    TallyRepository tallies;

    @Inject
    QueueWatch queue;

    /** The poll's readers hear of the mark (its cached view changes: it shows breakdownShownAt). */
    @Inject
    Event<PollChanged> changes;

    @Inject
    @ConfigProperty(name = "intrapoll.breakdown.min-group-size")
    int minGroupSize;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.wait-ms")
    long intakeWaitMillis;

    /** Beyond the intake's wait: a node that had not heard of the close yet, and clocks that differ between nodes. */
    private static final Duration SETTLE_GRACE = Duration.ofSeconds(5);

    /**
     * The poll's breakdown for whoever may read its results. Made once, when first asked for after the close once
     * every ballot is counted, and kept: every later read is that one, and the poll does not reopen (a second close
     * would show, group by group, how the few who voted in between voted).
     */
    @Transactional
    public Breakdown breakdown(PollId id, Caller caller) {
        PollCache.Cached poll = results.readable(id, caller);
        PollView view = poll.view();
        if (view.breakdownGroups() == null || view.breakdownGroups().isEmpty()) {
            throw ProblemException.conflict(
                    "no-breakdown",
                    "No breakdown",
                    "This poll names no breakdownGroups; its results are not broken down.");
        }
        Optional<Breakdown> kept = kept(id);
        if (kept.isPresent()) {
            return kept.get();
        }
        if (!poll.rules().isClosed()) {
            throw ProblemException.conflict(
                    "poll-not-closed",
                    "Poll not closed",
                    "A breakdown is shown once the poll is closed: while ballots arrive, the change between two"
                            + " reads would show how one person's group voted.");
        }
        if (view.erasedAt() != null) {
            throw ProblemException.conflict(
                    "erased", "Erased", "The poll's ballots are erased, and no breakdown was kept of them.");
        }
        if (!isSettled(id)) {
            throw ProblemException.conflict(
                    "not-all-counted",
                    "Not all counted",
                    "Ballots of this poll are still on their way or being counted; its breakdown is shown once every"
                            + " one is, seconds after the close.");
        }
        Breakdown made = compute(view, poll.rules());
        OptionalLong marked = tallies.keepBreakdown(id, CacheValues.write(made));
        marked.ifPresent(version -> changes.fire(new PollChanged(id, version))); // it shows breakdownShownAt
        if (marked.isEmpty()) {
            // Another node kept one first, or the poll reopened meanwhile: the kept one, else none yet.
            return kept(id).orElseThrow(() -> ProblemException.conflict(
                    "poll-not-closed", "Poll not closed", "The poll reopened; its breakdown is shown once it closes."));
        }
        return made;
    }

    /**
     * Every ballot of the closed poll is counted: none waits on the queue, every participation has its ballot (an
     * anonymous ballot's choices travel apart, delayed), and the intake's wait plus 5 s has passed since the close
     * (a ballot accepted just before it, or by a node that had not heard of it yet, is on the queue by then).
     */
    private boolean isSettled(PollId id) {
        return tallies.closedAt(id)
                        .filter(closedAt -> !Instant.now()
                                .isBefore(closedAt.plusMillis(intakeWaitMillis).plus(SETTLE_GRACE)))
                        .isPresent()
                && queue.isDrained(id)
                && tallies.isEveryParticipationCounted(id);
    }

    private Optional<Breakdown> kept(PollId id) {
        return tallies.keptBreakdown(id).map(json -> CacheValues.read(json, Breakdown.class));
    }

    /**
     * Keeps the breakdown of a poll whose ballots are about to be erased, unless one was kept already: like its
     * tallies, it stays. Called in the erasure's transaction, before the ballots go, after its certificate (which
     * waits for every ballot) was made.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keepBeforeErasure(PollId id) {
        results.poll(id).ifPresent(poll -> {
            PollView view = poll.view();
            if (view.breakdownGroups() != null && !view.breakdownGroups().isEmpty() && kept(id).isEmpty()) {
                tallies.keepBreakdown(id, CacheValues.write(compute(view, poll.rules())))
                        .ifPresent(version -> changes.fire(new PollChanged(id, version)));
            }
        });
    }

    private Breakdown compute(PollView poll, PollSnapshot rules) {
        List<String> groups = poll.breakdownGroups();
        Map<String, Tally> byGroup = new LinkedHashMap<>();
        groups.forEach(group -> byGroup.put(group, new Tally()));
        Map<Set<String>, Long> bySignature = new HashMap<>();
        long total = 0;
        for (TallyRepository.GroupedBallot ballot : tallies.groupedBallots(rules.id())) {
            total++;
            bySignature.merge(ballot.groups(), 1L, Long::sum);
            List<String> keys = poll.type() == PollType.OPEN_TEXT && !ballot.shown()
                    ? List.of() // hidden or held: it counts, its words do not
                    : TallyDeltas.countedKeys(poll.type(), poll.language(), ballot.choices());
            for (String group : ballot.groups()) {
                Tally tally = byGroup.get(group);
                if (tally != null) {
                    tally.add(keys, ballot.choices());
                }
            }
        }
        Set<String> suppressed = Suppression.suppressed(groups, bySignature, minGroupSize);
        List<GroupResults> shown = new ArrayList<>();
        for (String group : groups) {
            shown.add(
                    suppressed.contains(group)
                            ? GroupResults.suppressed(group)
                            : byGroup.get(group).results(group, poll, rules, minGroupSize));
        }
        return new Breakdown(rules.id().value(), total, minGroupSize, shown);
    }

    /** One group's counts as they are collected. */
    private static final class Tally {
        private long ballots;
        private final Map<String, Long> votes = new TreeMap<>();
        private final List<List<String>> rankings = new ArrayList<>();

        void add(List<String> keys, List<String> choices) {
            ballots++;
            keys.forEach(key -> votes.merge(key, 1L, Long::sum));
            rankings.add(choices);
        }

        GroupResults results(String group, PollView poll, PollSnapshot rules, int minGroupSize) {
            List<Results.OptionResult> options = poll.options().stream()
                    .map(option -> ResultsService.optionResult(option, votes.getOrDefault(option.id(), 0L), ballots))
                    .toList();
            List<ScaleStatistics.Bucket> buckets = ResultsService.buckets(poll, rules, votes);
            return new GroupResults(
                    group,
                    null,
                    ballots,
                    options,
                    poll.type() == PollType.RANKED ? ResultsService.rounds(poll, rankings) : null,
                    ResultsService.distribution(buckets, ballots),
                    buckets == null ? null : ScaleStatistics.mean(buckets),
                    buckets == null ? null : ScaleStatistics.median(buckets),
                    poll.type() == PollType.NPS ? ScaleStatistics.nps(buckets) : null,
                    poll.type() == PollType.OPEN_TEXT ? words(minGroupSize) : null);
        }

        /**
         * The group's most frequent words, only those in at least minGroupSize answers: a rare word in the clouds of
         * two groups would place the one who wrote it (whose answer the poll lists) in both.
         */
        private List<Results.WordCount> words(int minGroupSize) {
            Map<String, Long> frequent = new TreeMap<>(votes);
            frequent.values().removeIf(count -> count < minGroupSize);
            return ResultsService.mostFrequent(frequent, ResultsService.WORDS_SHOWN);
        }
    }
}
