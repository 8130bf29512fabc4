package io.intrapoll.vote;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Reads a person's participation, for claims the cache no longer knows. Bounded in time: while the database is
 * away a vote gets its 503 within a second instead of waiting on dead connections.
 */
@ApplicationScoped
public class ParticipationLookup {

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Timeout(900)
    public Participation find(String pollId, String voterKey) {
        return em.find(Participation.class, new Participation.Key(pollId, voterKey));
    }
}
