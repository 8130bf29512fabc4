package io.intrapoll.vote;

import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollType;
import io.intrapoll.response.BlockedWords;
import io.intrapoll.tally.TallyDeltas;
import io.intrapoll.tally.TallyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a group of ballots to PostgreSQL in one transaction: records participation and the counted ballot,
 * and adds the group's deltas to the durable tallies ({@link TallyRepository}). Idempotent: a ballot whose person already has a
 * participation of the same or a later revision changes nothing, so a redelivered group counts nothing twice.
 * A later revision (a change of vote, where the poll allows it) replaces the earlier ballot.
 */
@ApplicationScoped
public class Aggregation {

    /** Pairs looked up in one query at most (the padded list stays within the databases' parameter limits). */
    private static final int MAX_PAIRS_PER_QUERY = 512;

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    TallyRepository tallies;

    @Inject
    PollCache polls;

    @Inject
    BlockedWords blockedWords;

    private final Clock clock = Clock.systemUTC();

    /** Orders the rows of anonymous choices: nobody may predict it. */
    private final SecureRandom random = new SecureRandom();

    /** Counts a group, looking up every person's participation (a redelivery, a retry). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void apply(List<Ballot> group) {
        apply(group, false);
    }

    /**
     * Counts a group: its participations and counted ballots here, its deltas through the tallies' owner.
     *
     * @param trustProvenFirst insert the participation of {@link Ballot#provenFirst()} ballots without looking it
     *     up: the transaction fails on the primary key if a redelivered ballot was counted already, and the caller
     *     then counts again without trusting
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void apply(List<Ballot> group, boolean trustProvenFirst) {
        Instant now = clock.instant();
        TallyDeltas deltas = new TallyDeltas();
        // A stable order of row locks, so concurrent aggregator sessions never deadlock on them.
        List<Ballot> ordered = group.stream()
                .sorted(Comparator.comparing(Ballot::pollId)
                        .thenComparing(Ballot::voterKey)
                        .thenComparingInt(Ballot::revision))
                .toList();
        Map<PollId, List<Ballot>> byPoll = new LinkedHashMap<>();
        ordered.forEach(ballot ->
                byPoll.computeIfAbsent(ballot.pollId(), id -> new ArrayList<>()).add(ballot));
        Map<Participation.Key, Participation> participations = lockParticipations(ordered.stream()
                .filter(ballot -> !(trustProvenFirst && ballot.provenFirst()))
                .toList());
        byPoll.forEach((pollId, ballots) -> {
            PollSnapshot poll = countable(pollId);
            if (poll == null) {
                return; // deleted or erased meanwhile: nothing to count
            }
            ballots.forEach(ballot -> count(ballot, poll, now, deltas, participations));
        });
        em.flush();
        tallies.add(
                deltas,
                (int) group.stream()
                        .filter(ballot -> !ballot.isParticipationOnly())
                        .count(),
                group.stream().map(Ballot::trace).filter(Objects::nonNull).toList());
    }

    /**
     * Counts anonymous ballots' choices halves, in a transaction that records no participation: their rows are
     * written in random order, with the hour of counting as their only time, so neither transaction, row order nor
     * time joins them to a participation. A half counted before (a redelivery) is found by its id and skipped.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void applyChoices(List<AnonymousChoices> halves) {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        // With the polls named, PostgreSQL reads only their partitions of the ballot table.
        Set<String> counted = new HashSet<>(em.createQuery(
                        "SELECT b.id FROM CountedBallot b WHERE b.pollId IN :polls AND b.id IN :ids", String.class)
                .setParameter(
                        "polls",
                        halves.stream()
                                .map(half -> half.pollId().value())
                                .distinct()
                                .toList())
                .setParameter("ids", halves.stream().map(AnonymousChoices::id).toList())
                .getResultList());
        List<AnonymousChoices> fresh = new ArrayList<>(halves.stream()
                .filter(half -> counted.add(half.id())) // also drops a half the batch holds twice
                .toList());
        Collections.shuffle(fresh, random);
        TallyDeltas deltas = new TallyDeltas();
        Map<PollId, Optional<PollSnapshot>> snapshots = new HashMap<>();
        int ballots = 0;
        for (AnonymousChoices half : fresh) {
            PollSnapshot poll = snapshots
                    .computeIfAbsent(half.pollId(), id -> Optional.ofNullable(countable(id)))
                    .orElse(null);
            if (poll == null) {
                continue; // deleted or erased meanwhile: nothing to count
            }
            boolean held = isHeld(poll, half.choices());
            em.persist(new CountedBallot(half, hour, held));
            deltas.count(half.pollId(), keysOf(poll, half.choices(), !held));
            ballots++;
        }
        em.flush();
        tallies.add(deltas, ballots, List.of());
    }

    /**
     * The people of the batch who already took part in its polls, their rows locked: one query for the whole batch,
     * by (poll, voter key) pairs, which both H2 and PostgreSQL answer from the primary key. The list of pairs is
     * padded to a power of two (repeating the last), so a few query plans serve every batch size.
     */
    private Map<Participation.Key, Participation> lockParticipations(List<Ballot> ordered) {
        List<Participation.Key> keys = ordered.stream()
                .map(ballot -> new Participation.Key(ballot.pollId(), ballot.voterKey()))
                .distinct()
                .toList();
        Map<Participation.Key, Participation> participations = new HashMap<>();
        for (int from = 0; from < keys.size(); from += MAX_PAIRS_PER_QUERY) {
            List<Participation.Key> slice = keys.subList(from, Math.min(keys.size(), from + MAX_PAIRS_PER_QUERY));
            int padded = Integer.highestOneBit(Math.max(1, slice.size() * 2 - 1));
            StringBuilder jpql = new StringBuilder("SELECT p FROM Participation p WHERE (p.pollId, p.voterKey) IN (");
            for (int i = 0; i < padded; i++) {
                jpql.append(i == 0 ? "" : ", ")
                        .append("(:poll")
                        .append(i)
                        .append(", :key")
                        .append(i)
                        .append(')');
            }
            jpql.append(") ORDER BY p.pollId, p.voterKey");
            var query =
                    em.createQuery(jpql.toString(), Participation.class).setLockMode(LockModeType.PESSIMISTIC_WRITE);
            for (int i = 0; i < padded; i++) {
                Participation.Key key = slice.get(Math.min(i, slice.size() - 1));
                query.setParameter("poll" + i, key.pollId().value()).setParameter("key" + i, key.voterKey());
            }
            query.getResultList().forEach(participation -> participations.put(participation.key(), participation));
        }
        return participations;
    }

    /**
     * Counts one ballot. A first ballot of a person inserts their participation: if another aggregator session
     * inserted it meanwhile (a redelivery racing its original), the primary key fails this transaction and the
     * message is redelivered, to find the participation then.
     */
    private void count(
            Ballot ballot,
            PollSnapshot poll,
            Instant now,
            TallyDeltas deltas,
            Map<Participation.Key, Participation> participations) {
        Participation.Key key = new Participation.Key(ballot.pollId(), ballot.voterKey());
        Participation existing = participations.get(key);
        if (existing == null) {
            Participation first = new Participation(ballot);
            em.persist(first);
            participations.put(key, first);
            if (ballot.isParticipationOnly()) {
                return; // its choices are counted apart (applyChoices)
            }
            countBallot(ballot, poll, now, deltas);
            return;
        }
        if (ballot.revision() <= existing.revision() || ballot.isAnonymous()) {
            return; // already counted (a redelivery), or an older ballot than the one counted
        }
        CountedBallot replaced = em.createQuery(
                        "SELECT b FROM CountedBallot b WHERE b.pollId = :poll AND b.voter = :voter",
                        CountedBallot.class)
                .setParameter("poll", ballot.pollId().value())
                .setParameter("voter", ballot.voter())
                // Locked: a moderator hiding this answer meanwhile must not take its words out a second time.
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElse(null);
        // The same answer sent again stays hidden: changing a vote must not undo a moderator's decision.
        boolean hidden = replaced != null
                && replaced.isHidden()
                && String.join(",", replaced.choices()).strip().equalsIgnoreCase(String.join(",", ballot.choices()));
        if (replaced != null) {
            deltas.uncount(ballot.pollId(), keysOf(poll, replaced.choices(), replaced.isShown()));
            em.remove(replaced);
            em.flush();
        }
        existing.record(ballot);
        countBallot(ballot, poll, now, deltas, hidden);
    }

    private void countBallot(Ballot ballot, PollSnapshot poll, Instant now, TallyDeltas deltas) {
        countBallot(ballot, poll, now, deltas, false);
    }

    private void countBallot(Ballot ballot, PollSnapshot poll, Instant now, TallyDeltas deltas, boolean hidden) {
        boolean held = isHeld(poll, ballot.choices());
        CountedBallot counted = new CountedBallot(ballot, now, held);
        if (hidden) {
            counted.hide();
        }
        em.persist(counted);
        deltas.count(ballot.pollId(), keysOf(poll, ballot.choices(), counted.isShown()));
    }

    /**
     * The poll, if its ballots are still counted: not deleted, not erased (a late ballot must not bring back rows its
     * retention erased).
     */
    private PollSnapshot countable(PollId pollId) {
        return polls.find(pollId).filter(poll -> !polls.isErased(pollId)).orElse(null);
    }

    /** An open-text answer with a blocked word waits for a moderator. */
    private boolean isHeld(PollSnapshot poll, List<String> choices) {
        return poll.type() == PollType.OPEN_TEXT
                && blockedWords.holds(String.join(",", choices), poll.answer().language());
    }

    /** What a ballot adds to the tallies; an answer not shown adds no words, though it counts as a ballot. */
    private static List<String> keysOf(PollSnapshot poll, List<String> choices, boolean shown) {
        return shown ? TallyDeltas.countedKeys(poll.type(), poll.answer().language(), choices) : List.of();
    }
}
