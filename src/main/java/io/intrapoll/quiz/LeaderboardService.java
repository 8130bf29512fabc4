package io.intrapoll.quiz;

import io.intrapoll.identity.Caller;
import io.intrapoll.identity.VoterKeys;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranks a quiz's participants by their points (each person's counted ballot scored when it was accepted). Voters see
 * it once the quiz is closed, as a leaderboard during the quiz would tell who answered right and so the answer;
 * owners and admins see it at any time.
 */
@ApplicationScoped
public class LeaderboardService {

    static final int TOP = 10;

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    PollCache polls;

    @Inject
    VoterKeys keys;

    @Transactional
    public Leaderboard of(PollId id, Caller caller) {
        PollSnapshot poll = polls.find(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (!poll.isVisibleTo(caller)) {
            throw ProblemException.forbidden("This poll is not open to you.");
        }
        if (poll.type() != PollType.QUIZ) {
            throw ProblemException.notFound("This poll is " + poll.type() + "; only a QUIZ has a leaderboard.");
        }
        if (!poll.showsResultsTo(caller) || !poll.showsAnswersTo(caller)) {
            throw ProblemException.forbidden("The leaderboard is shown once the quiz is closed.");
        }
        List<Leaderboard.Entry> entries = new ArrayList<>();
        int rank = 0;
        int previous = -1;
        int position = 0;
        for (Object row : em.createNativeQuery("SELECT voter_key, points FROM participation"
                        + " WHERE poll_id = ?1 AND points IS NOT NULL ORDER BY points DESC, accepted_at, voter_key")
                .setParameter(1, id.value())
                .setMaxResults(TOP)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            int points = ((Number) columns[1]).intValue();
            position++;
            if (points != previous) {
                rank = position;
                previous = points;
            }
            entries.add(new Leaderboard.Entry(rank, nameOf((String) columns[0], poll.anonymous()), points));
        }
        return new Leaderboard(entries, mine(id, keys.keyFor(id, caller.name(), poll.anonymous())));
    }

    /**
     * An event's leaderboard: each person's points summed over the given polls that are named quizzes whose
     * leaderboard the caller may see. Anonymous quizzes are left out: their pseudonyms differ from poll to poll by
     * design, so nothing joins a person's answers across them.
     */
    @Transactional
    public Leaderboard summed(List<PollId> pollIds, Caller caller) {
        List<String> counted = pollIds.stream()
                .flatMap(id -> polls.find(id).stream())
                .filter(poll -> poll.type() == PollType.QUIZ && !poll.anonymous())
                .filter(poll -> poll.isVisibleTo(caller) && poll.showsResultsTo(caller) && poll.showsAnswersTo(caller))
                .map(poll -> poll.id().value())
                .toList();
        if (counted.isEmpty()) {
            return new Leaderboard(List.of(), null);
        }
        List<Leaderboard.Entry> entries = new ArrayList<>();
        int rank = 0;
        long previous = -1;
        int position = 0;
        for (Object row : em.createNativeQuery("SELECT voter_key, SUM(points) AS total FROM participation"
                        + " WHERE poll_id IN (:polls) AND points IS NOT NULL GROUP BY voter_key"
                        + " ORDER BY total DESC, voter_key")
                .setParameter("polls", counted)
                .setMaxResults(TOP)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            long points = ((Number) columns[1]).longValue();
            position++;
            if (points != previous) {
                rank = position;
                previous = points;
            }
            entries.add(new Leaderboard.Entry(rank, (String) columns[0], (int) points));
        }
        Object mine = em.createNativeQuery("SELECT SUM(points) FROM participation"
                        + " WHERE poll_id IN (:polls) AND voter_key = :me AND points IS NOT NULL")
                .setParameter("polls", counted)
                .setParameter("me", caller.name())
                .getSingleResult();
        if (mine == null) {
            return new Leaderboard(entries, null);
        }
        long points = ((Number) mine).longValue();
        long ahead = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM (SELECT voter_key FROM participation"
                                + " WHERE poll_id IN (:polls) AND points IS NOT NULL GROUP BY voter_key"
                                + " HAVING SUM(points) > :points) ahead")
                        .setParameter("polls", counted)
                        .setParameter("points", points)
                        .getSingleResult())
                .longValue();
        return new Leaderboard(entries, new Leaderboard.Mine((int) ahead + 1, (int) points));
    }

    private Leaderboard.Mine mine(PollId id, String voterKey) {
        List<?> mine = em.createNativeQuery(
                        "SELECT points FROM participation WHERE poll_id = ?1 AND voter_key = ?2 AND points IS NOT NULL")
                .setParameter(1, id.value())
                .setParameter(2, voterKey)
                .getResultList();
        if (mine.isEmpty()) {
            return null;
        }
        int points = ((Number) mine.get(0)).intValue();
        long ahead = ((Number)
                        em.createNativeQuery("SELECT COUNT(*) FROM participation WHERE poll_id = ?1 AND points > ?2")
                                .setParameter(1, id.value())
                                .setParameter(2, points)
                                .getSingleResult())
                .longValue();
        return new Leaderboard.Mine((int) ahead + 1, points);
    }

    /**
     * A named quiz shows the user name; an anonymous one an alias made from the person's pseudonym (itself keyed by
     * a server secret), the same in every read and leading to no one.
     */
    static String nameOf(String voterKey, boolean anonymous) {
        if (!anonymous) {
            return voterKey;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(voterKey.getBytes(StandardCharsets.UTF_8));
            int number = Math.floorMod(ByteBuffer.wrap(digest).getInt(), 9000) + 1000;
            return "Player " + number;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
