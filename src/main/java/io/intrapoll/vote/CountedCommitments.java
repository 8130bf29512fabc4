package io.intrapoll.vote;

import io.intrapoll.poll.PollId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** What the results certificate reads of a poll's counted ballots: their commitments, and whether all are counted. */
@ApplicationScoped
public class CountedCommitments {

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    /** The counted ballots' commitments, ascending; ballots counted before receipts had trackers have none. */
    public List<String> ascending(PollId pollId) {
        return em.createQuery(
                        "SELECT b.commitment FROM CountedBallot b WHERE b.pollId = :poll AND b.commitment IS NOT NULL"
                                + " ORDER BY b.commitment",
                        String.class)
                .setParameter("poll", pollId.value())
                .getResultList();
    }

    /** The poll's counted ballots, with or without commitments. */
    public long ballots(PollId pollId) {
        return em.createQuery("SELECT COUNT(b) FROM CountedBallot b WHERE b.pollId = :poll", Long.class)
                .setParameter("poll", pollId.value())
                .getSingleResult();
    }

    /**
     * Whether every participation has its counted ballot: in an anonymous poll the choices travel apart, delayed,
     * and until the last of them is counted a participation has no ballot yet (in a named poll both are counted in
     * one transaction).
     */
    public boolean isEveryParticipationCounted(PollId pollId) {
        long participations = em.createQuery("SELECT COUNT(p) FROM Participation p WHERE p.pollId = :poll", Long.class)
                .setParameter("poll", pollId.value())
                .getSingleResult();
        return participations == ballots(pollId);
    }
}
