package io.intrapoll.tally;

import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The durable tallies in PostgreSQL: the one place that writes and reads them, and the counted ballots' choices. */
@ApplicationScoped
public class TallyRepository {

    @PersistenceContext(unitName = "intrapoll")
    EntityManager em;

    @Inject
    Event<TalliesChanged> talliesChanged;

    Clock clock = Clock.systemUTC();

    /** A poll's durable tallies and their revision, in one statement so that they belong together. */
    LiveTallies.Copy read(PollId pollId, long readAtMillis) {
        long revision = 0;
        long changedAtMillis = 0;
        long ballots = 0;
        Map<String, Long> votes = new HashMap<>();
        for (Object row : em.createNativeQuery(
                        "SELECT t.revision, t.ballots, o.option_id, o.votes, t.changed_at_millis FROM poll_tally t"
                                + " LEFT JOIN option_tally o ON o.poll_id = t.poll_id WHERE t.poll_id = ?1")
                .setParameter(1, pollId.value())
                .getResultList()) {
            Object[] columns = (Object[]) row;
            revision = ((Number) columns[0]).longValue();
            ballots = ((Number) columns[1]).longValue();
            if (columns[2] != null) {
                votes.put((String) columns[2], ((Number) columns[3]).longValue());
            }
            changedAtMillis = ((Number) columns[4]).longValue();
        }
        return new LiveTallies.Copy(new LiveTallies.Tally(ballots, votes), revision, changedAtMillis, readAtMillis);
    }

    /** Every counted ballot's choices in a poll (for instant-runoff rounds and rebuilds). */
    List<List<String>> rankings(PollId pollId) {
        List<List<String>> rankings = new ArrayList<>();
        for (Object choices : em.createNativeQuery("SELECT choices FROM ballot WHERE poll_id = ?1")
                .setParameter(1, pollId.value())
                .getResultList()) {
            rankings.add(Arrays.asList(((String) choices).split(",")));
        }
        return rankings;
    }

    /**
     * Adds a counted group's deltas to the durable tallies in the caller's transaction and announces the change
     * ({@link TalliesChanged}, observed after commit). A tally row that is not there yet is created first; a
     * concurrent creator makes that insert a no-op.
     *
     * @param ballotsCounted the ballots in the group, for throughput figures
     * @param traces the counting spans of the group's traced ballots, parents of the results event's spans
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(TallyDeltas deltas, int ballotsCounted, List<String> traces) {
        if (deltas.isEmpty()) {
            return;
        }
        Map<PollId, TalliesChanged.PollChange> changes = new TreeMap<>();
        long now = clock.millis();
        deltas.ballots().forEach((poll, change) -> {
            addOrCreate(
                    () -> em.createNativeQuery("UPDATE poll_tally SET ballots = ballots + ?1,"
                                    + " revision = revision + 1, changed_at_millis = ?3 WHERE poll_id = ?2")
                            .setParameter(1, change)
                            .setParameter(2, poll.value())
                            .setParameter(3, now)
                            .executeUpdate(),
                    () -> em.createNativeQuery("INSERT INTO poll_tally (poll_id, ballots, revision)"
                                    + " VALUES (?1, 0, 0) ON CONFLICT DO NOTHING")
                            .setParameter(1, poll.value())
                            .executeUpdate());
            // The row stays locked until commit, so the revision read back is the one this group made.
            long revision = ((Number) em.createNativeQuery("SELECT revision FROM poll_tally WHERE poll_id = ?1")
                            .setParameter(1, poll.value())
                            .getSingleResult())
                    .longValue();
            changes.put(poll, new TalliesChanged.PollChange(change, deltas.votes(poll), revision, now));
        });
        deltas.votes()
                .forEach((poll, perOption) -> perOption.forEach((option, change) -> addOrCreate(
                        () -> em.createNativeQuery(
                                        "UPDATE option_tally SET votes = votes + ?1 WHERE poll_id = ?2 AND option_id = ?3")
                                .setParameter(1, change)
                                .setParameter(2, poll.value())
                                .setParameter(3, option)
                                .executeUpdate(),
                        () -> em.createNativeQuery(
                                        "INSERT INTO option_tally (poll_id, option_id, votes) VALUES (?1, ?2, 0)"
                                                + " ON CONFLICT DO NOTHING")
                                .setParameter(1, poll.value())
                                .setParameter(2, option)
                                .executeUpdate())));
        talliesChanged.fire(new TalliesChanged(changes, ballotsCounted, traces));
    }

    /** Adds to a tally row; if this is the row's first change, creates it first and adds again. */
    private static void addOrCreate(IntSupplier add, Runnable create) {
        if (add.getAsInt() == 0) {
            create.run();
            add.getAsInt();
        }
    }

    /**
     * Recounts every tally from the counted ballots, each by its poll's type. Locking the tally rows first makes an
     * aggregator that is counting meanwhile wait and add its group after the recount, so nothing is lost or counted
     * twice.
     */
    RebuildReport rebuild(Supplier<Map<PollId, PollRepository.Counting>> polls) {
        Map<PollId, Long> revisions = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT poll_id, revision FROM poll_tally FOR UPDATE")
                .getResultList()) {
            Object[] columns = (Object[]) row;
            revisions.put(new PollId((String) columns[0]), ((Number) columns[1]).longValue());
        }
        // Read after the locks: a poll counted meanwhile has its type here.
        Map<PollId, PollRepository.Counting> countingByPoll = polls.get();
        em.createNativeQuery("DELETE FROM option_tally").executeUpdate();
        em.createNativeQuery("DELETE FROM poll_tally").executeUpdate();
        TallyDeltas counts = new TallyDeltas();
        for (Object row : em.createNativeQuery("SELECT poll_id, choices, hidden, held FROM ballot")
                .getResultList()) {
            Object[] columns = (Object[]) row;
            PollId poll = new PollId((String) columns[0]);
            PollRepository.Counting counting = countingByPoll.get(poll);
            if (counting == null) { // created since the polls were read: read them again
                countingByPoll = polls.get();
                counting = countingByPoll.get(poll);
            }
            boolean shown = !((Boolean) columns[2]) && !((Boolean) columns[3]);
            counts.count(
                    poll,
                    shown
                            ? TallyDeltas.countedKeys(
                                    counting.type(),
                                    counting.language(),
                                    Arrays.asList(((String) columns[1]).split(",", -1)))
                            : List.of());
        }
        counts.ballots()
                .forEach(
                        // A new revision, so that no cached copy of the old counts takes a later delta for current.
                        (poll, count) -> em.createNativeQuery(
                                        "INSERT INTO poll_tally (poll_id, ballots, revision, changed_at_millis)"
                                                + " VALUES (?1, ?2, ?3, ?4)")
                                .setParameter(1, poll.value())
                                .setParameter(2, count)
                                .setParameter(3, revisions.getOrDefault(poll, 0L) + 1)
                                .setParameter(4, clock.millis())
                                .executeUpdate());
        counts.votes()
                .forEach((poll, perOption) -> perOption.forEach((option, count) -> em.createNativeQuery(
                                "INSERT INTO option_tally (poll_id, option_id, votes) VALUES (?1, ?2, ?3)")
                        .setParameter(1, poll.value())
                        .setParameter(2, option)
                        .setParameter(3, count)
                        .executeUpdate()));
        return new RebuildReport(
                counts.ballots().size(),
                counts.ballots().values().stream().mapToLong(Long::longValue).sum());
    }
}
