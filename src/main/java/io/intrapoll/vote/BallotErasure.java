package io.intrapoll.vote;

import io.intrapoll.poll.PollErased;
import io.intrapoll.tally.Breakdowns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Erases a poll's ballots under its retention (API.md, "Retention and legal hold"): the counted ballots (open-text
 * answers among them) and the participation records, in the transaction that marks the poll erased; then the
 * claims the cluster still holds of who voted. The tallies stay, and so does the breakdown as it was shown.
 */
@ApplicationScoped
public class BallotErasure {

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    VoterRegistry registry;

    @Inject
    Breakdowns breakdowns;

    void erase(@Observes PollErased erased) {
        breakdowns.keepBeforeErasure(erased.pollId()); // what it showed stays, like the tallies
        String poll = erased.pollId().value();
        em.createQuery("DELETE FROM CountedBallot b WHERE b.pollId = :poll")
                .setParameter("poll", poll)
                .executeUpdate();
        em.createQuery("DELETE FROM Participation p WHERE p.pollId = :poll")
                .setParameter("poll", poll)
                .executeUpdate();
    }

    void forgetClaims(@Observes(during = TransactionPhase.AFTER_SUCCESS) PollErased erased) {
        registry.forget(erased.pollId());
    }
}
