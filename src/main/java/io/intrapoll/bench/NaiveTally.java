package io.intrapoll.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The naive design the pipeline is compared with: every vote is one synchronous {@code UPDATE ... SET votes =
 * votes + 1} on the database, in its own transaction, before the answer. Its table lives beside the real schema
 * only while benchmarking.
 */
@ApplicationScoped
public class NaiveTally {

    private final AtomicBoolean tableReady = new AtomicBoolean();

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Transactional
    public void add(String pollId, String optionId) { // text as sent: the naive design checks nothing first
        if (!tableReady.get()) {
            em.createNativeQuery(
                            "CREATE TABLE IF NOT EXISTS bench_naive_tally (poll_id VARCHAR(36) NOT NULL,"
                                    + " option_id VARCHAR(36) NOT NULL, votes BIGINT NOT NULL, PRIMARY KEY (poll_id, option_id))")
                    .executeUpdate();
            tableReady.set(true);
        }
        int updated = em.createNativeQuery(
                        "UPDATE bench_naive_tally SET votes = votes + 1 WHERE poll_id = ?1 AND option_id = ?2")
                .setParameter(1, pollId)
                .setParameter(2, optionId)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO bench_naive_tally (poll_id, option_id, votes) VALUES (?1, ?2, 1)")
                    .setParameter(1, pollId)
                    .setParameter(2, optionId)
                    .executeUpdate();
        }
    }
}
