package io.intrapoll.tally;

import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.hibernate.Session;

/** The durable tallies in PostgreSQL: the one place that writes and reads them, and the counted ballots' choices. */
@ApplicationScoped
public class TallyRepository {

    /** Polls whose revisions one query reads (within every database's parameter limit). */
    private static final int POLLS_PER_QUERY = 500;

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

    /** A counted ballot as a breakdown reads it: its choices, its voter's breakdown groups, whether it is shown. */
    record GroupedBallot(List<String> choices, Set<String> groups, boolean shown) {}

    /** Every counted ballot of a poll, with the breakdown groups its voter was in. */
    List<GroupedBallot> groupedBallots(PollId pollId) {
        List<GroupedBallot> ballots = new ArrayList<>();
        for (Object row : em.createNativeQuery(
                        "SELECT choices, breakdown_groups, hidden, held FROM ballot WHERE poll_id = ?1")
                .setParameter(1, pollId.value())
                .getResultList()) {
            Object[] columns = (Object[]) row;
            String choices = (String) columns[0];
            String groups = (String) columns[1];
            ballots.add(new GroupedBallot(
                    choices.isEmpty() ? List.of() : Arrays.asList(choices.split(",", -1)),
                    groups == null ? Set.of() : Set.of(groups.split(",")),
                    !(Boolean) columns[2] && !(Boolean) columns[3]));
        }
        return ballots;
    }

    /** The breakdown kept when the poll's ballots were erased, as JSON. */
    Optional<String> keptBreakdown(PollId pollId) {
        return em.createNativeQuery("SELECT body FROM poll_breakdown WHERE poll_id = ?1", String.class)
                .setParameter(1, pollId.value())
                .getResultStream()
                .findFirst();
    }

    /**
     * Keeps a closed poll's breakdown, unless one is kept already or the poll is no longer closed; marks the poll
     * (which then does not reopen) as a new version of it, which its readers are told of. The mark's update locks the
     * poll's row, so a reopening waits for it, and this waits for a reopening and then finds the poll open.
     *
     * @return the poll's new version when this one was kept
     */
    OptionalLong keepBreakdown(PollId pollId, String json) {
        int marked = em.createNativeQuery("UPDATE poll SET breakdown_kept_at = ?1, version = version + 1 WHERE id = ?2"
                        + " AND status IN ('CLOSED', 'ARCHIVED') AND breakdown_kept_at IS NULL")
                .setParameter(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .setParameter(2, pollId.value())
                .executeUpdate();
        boolean kept = marked == 1
                && em.createNativeQuery(
                                        "INSERT INTO poll_breakdown (poll_id, body) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                                .setParameter(1, pollId.value())
                                .setParameter(2, json)
                                .executeUpdate()
                        == 1;
        if (!kept) {
            return OptionalLong.empty();
        }
        Number version = (Number) em.createNativeQuery("SELECT version FROM poll WHERE id = ?1")
                .setParameter(1, pollId.value())
                .getSingleResult();
        return OptionalLong.of(version.longValue());
    }

    /** When the poll last closed, if it has. */
    Optional<Instant> closedAt(PollId pollId) {
        return em.createQuery("SELECT p.closedAt FROM Poll p WHERE p.id = :id", Instant.class)
                .setParameter("id", pollId.value())
                .getResultStream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /**
     * Whether every participation has its counted ballot: an anonymous ballot's choices travel apart, delayed, and
     * until the last of them is counted a participation has none yet.
     */
    boolean isEveryParticipationCounted(PollId pollId) {
        Object[] counts =
                (Object[]) em.createNativeQuery("SELECT (SELECT COUNT(*) FROM participation WHERE poll_id = ?1),"
                                + " (SELECT COUNT(*) FROM ballot WHERE poll_id = ?1)")
                        .setParameter(1, pollId.value())
                        .getSingleResult();
        return ((Number) counts[0]).longValue() == ((Number) counts[1]).longValue();
    }

    /**
     * Adds a counted group's deltas to the durable tallies in the caller's transaction and announces the change
     * ({@link TalliesChanged}, observed after commit). A tally row that is not there yet is created first; a
     * concurrent creator makes that insert a no-op.
     *
     * <p>Plain JDBC batches on the transaction's connection: one round trip for the polls' rows and one for their
     * keys' rows, however many words a group of open-text answers brings. Through native queries each statement made
     * Hibernate flush the session's participations and ballots again first (half of counting's time in a profile).
     * The caller has flushed them already.
     *
     * @param ballotsCounted the ballots in the group, for throughput figures
     * @param traces the counting spans of the group's traced ballots, parents of the results event's spans
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(TallyDeltas deltas, int ballotsCounted, List<String> traces) {
        if (deltas.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<TallyRow> pollRows = new ArrayList<>();
        deltas.ballots()
                .forEach((poll, change) ->
                        pollRows.add(new TallyRow(List.of(change, now, poll.value()), List.of(poll.value()))));
        List<TallyRow> keyRows = new ArrayList<>();
        deltas.votes()
                .forEach((poll, perKey) -> perKey.forEach((key, change) ->
                        keyRows.add(new TallyRow(List.of(change, poll.value(), key), List.of(poll.value(), key)))));
        Map<PollId, Long> revisions = em.unwrap(Session.class).doReturningWork(connection -> {
            addOrCreate(
                    connection,
                    "UPDATE poll_tally SET ballots = ballots + ?, revision = revision + 1, changed_at_millis = ?"
                            + " WHERE poll_id = ?",
                    "INSERT INTO poll_tally (poll_id, ballots, revision) VALUES (?, 0, 0) ON CONFLICT DO NOTHING",
                    pollRows);
            addOrCreate(
                    connection,
                    "UPDATE option_tally SET votes = votes + ? WHERE poll_id = ? AND option_id = ?",
                    "INSERT INTO option_tally (poll_id, option_id, votes) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
                    keyRows);
            // The rows stay locked until commit, so the revisions read back are the ones this group made.
            return revisions(connection, deltas.ballots().keySet());
        });
        Map<PollId, TalliesChanged.PollChange> changes = new TreeMap<>();
        deltas.ballots()
                .forEach((poll, change) -> changes.put(
                        poll, new TalliesChanged.PollChange(change, deltas.votes(poll), revisions.get(poll), now)));
        talliesChanged.fire(new TalliesChanged(changes, ballotsCounted, traces));
    }

    /** One tally row's change: the parameters of its update, and of its creation should it not exist yet. */
    private record TallyRow(List<Object> update, List<Object> create) {}

    /**
     * Adds to tally rows in one batch, in the given order (every session locks rows in the same order); the rows
     * that are not there yet (0 rows updated) are created in a second batch and added to again.
     */
    private static void addOrCreate(Connection connection, String update, String create, List<TallyRow> rows)
            throws SQLException {
        int[] updated = executeBatch(
                connection, update, rows.stream().map(TallyRow::update).toList());
        List<TallyRow> missing = IntStream.range(0, rows.size())
                .filter(row -> updated[row] == 0)
                .mapToObj(rows::get)
                .toList();
        if (!missing.isEmpty()) {
            executeBatch(
                    connection, create, missing.stream().map(TallyRow::create).toList());
            executeBatch(
                    connection, update, missing.stream().map(TallyRow::update).toList());
        }
    }

    private static int[] executeBatch(Connection connection, String sql, List<List<Object>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (List<Object> parameters : rows) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /** The polls' tally revisions, in one query per {@value #POLLS_PER_QUERY} polls. */
    private static Map<PollId, Long> revisions(Connection connection, Collection<PollId> polls) throws SQLException {
        Map<PollId, Long> revisions = new HashMap<>();
        List<PollId> all = List.copyOf(polls);
        for (int from = 0; from < all.size(); from += POLLS_PER_QUERY) {
            List<PollId> slice = all.subList(from, Math.min(all.size(), from + POLLS_PER_QUERY));
            String placeholders = String.join(", ", Collections.nCopies(slice.size(), "?"));
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT poll_id, revision FROM poll_tally WHERE poll_id IN (" + placeholders + ")")) {
                for (int i = 0; i < slice.size(); i++) {
                    statement.setString(i + 1, slice.get(i).value());
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        revisions.put(new PollId(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
        }
        return revisions;
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
        // An erased poll's ballots are gone; its tallies are all that is left of them, and stay as they are.
        String notErased = " WHERE poll_id NOT IN (SELECT id FROM poll WHERE erased_at IS NOT NULL)";
        em.createNativeQuery("DELETE FROM option_tally" + notErased).executeUpdate();
        em.createNativeQuery("DELETE FROM poll_tally" + notErased).executeUpdate();
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
