package io.intrapoll.tally;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The durable tallies and counted ballots in PostgreSQL. */
@ApplicationScoped
public class TallyRepository {

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    /** A poll's durable tallies and their revision, in one statement so that they belong together. */
    LiveTallies.Copy read(String pollId, long readAtMillis) {
        long revision = 0;
        long ballots = 0;
        Map<String, Long> votes = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT t.revision, t.ballots, o.option_id, o.votes FROM poll_tally t"
                        + " LEFT JOIN option_tally o ON o.poll_id = t.poll_id WHERE t.poll_id = ?1")
                .setParameter(1, pollId)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            revision = ((Number) columns[0]).longValue();
            ballots = ((Number) columns[1]).longValue();
            if (columns[2] != null) {
                votes.put((String) columns[2], ((Number) columns[3]).longValue());
            }
        }
        return new LiveTallies.Copy(new LiveTallies.Tally(ballots, votes), revision, readAtMillis);
    }

    /** Every counted ballot's choices in a poll (for instant-runoff rounds and rebuilds). */
    List<List<String>> rankings(String pollId) {
        List<List<String>> rankings = new ArrayList<>();
        for (Object choices : em.createNativeQuery("SELECT choices FROM ballot WHERE poll_id = ?1")
                .setParameter(1, pollId)
                .getResultList()) {
            rankings.add(Arrays.asList(((String) choices).split(",")));
        }
        return rankings;
    }

    /**
     * Recounts every tally from the counted ballots. Locking the tally rows first makes an aggregator that is
     * counting meanwhile wait and add its group after the recount, so nothing is lost or counted twice.
     */
    RebuildReport rebuild(Map<String, Boolean> rankedByPoll) {
        Map<String, Long> revisions = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT poll_id, revision FROM poll_tally FOR UPDATE")
                .getResultList()) {
            Object[] columns = (Object[]) row;
            revisions.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        em.createNativeQuery("DELETE FROM option_tally").executeUpdate();
        em.createNativeQuery("DELETE FROM poll_tally").executeUpdate();
        Map<String, Long> ballots = new HashMap<>();
        Map<String, Map<String, Long>> votes = new HashMap<>();
        for (Object row :
                em.createNativeQuery("SELECT poll_id, choices FROM ballot").getResultList()) {
            Object[] columns = (Object[]) row;
            String poll = (String) columns[0];
            List<String> choices = Arrays.asList(((String) columns[1]).split(","));
            ballots.merge(poll, 1L, Long::sum);
            List<String> counted = Boolean.TRUE.equals(rankedByPoll.get(poll)) ? choices.subList(0, 1) : choices;
            counted.forEach(
                    option -> votes.computeIfAbsent(poll, p -> new HashMap<>()).merge(option, 1L, Long::sum));
        }
        ballots.forEach(
                // A new revision, so that no cached copy of the old counts takes a later delta for current.
                (poll, count) -> em.createNativeQuery(
                                "INSERT INTO poll_tally (poll_id, ballots, revision) VALUES (?1, ?2, ?3)")
                        .setParameter(1, poll)
                        .setParameter(2, count)
                        .setParameter(3, revisions.getOrDefault(poll, 0L) + 1)
                        .executeUpdate());
        votes.forEach((poll, perOption) -> perOption.forEach((option, count) -> em.createNativeQuery(
                        "INSERT INTO option_tally (poll_id, option_id, votes) VALUES (?1, ?2, ?3)")
                .setParameter(1, poll)
                .setParameter(2, option)
                .setParameter(3, count)
                .executeUpdate()));
        return new RebuildReport(
                ballots.size(),
                ballots.values().stream().mapToLong(Long::longValue).sum());
    }
}
