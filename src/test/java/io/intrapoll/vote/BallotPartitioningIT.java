package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.DatabaseMigration;
import io.intrapoll.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migration that partitions the ballot and participation tables by poll, on PostgreSQL with rows already in
 * them: a database of its own is brought to the schema before it, filled, then migrated the rest of the way.
 */
class BallotPartitioningIT {

    private static final String DATABASE = "intrapoll_partitioning";
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final int POLLS = 20;
    private static final int VOTERS = 25;

    private static List<List<String>> ballotsBefore;
    private static List<List<String>> participationBefore;

    @BeforeAll
    static void migrateAFilledDatabase() throws SQLException {
        try (Connection admin = TestDatabase.connect();
                var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        migrate("8"); // the schema before partitioning
        try (Connection db = connect()) {
            fill(db);
            assertEquals("r", relationKind(db, "ballot"), "the ballot table is a plain table before");
            ballotsBefore = ballots(db);
            participationBefore = participation(db);
        }
        migrate("latest");
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        try (Connection admin = TestDatabase.connect();
                var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @Test
    void bothTablesArePartitionedByPollIntoSixteen() throws SQLException {
        try (Connection db = connect()) {
            for (String table : List.of("ballot", "participation")) {
                assertEquals("p", relationKind(db, table), table);
                assertEquals(
                        List.of(List.of("hash", "poll_id")),
                        TestDatabase.rows(
                                db,
                                "SELECT CASE p.partstrat WHEN 'h' THEN 'hash' ELSE p.partstrat::text END, a.attname"
                                        + " FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid"
                                        + " AND a.attnum = p.partattrs[0] WHERE p.partrelid = ?::regclass",
                                table),
                        table);
                assertEquals(
                        "16",
                        TestDatabase.rows(db, "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = ?::regclass", table)
                                .get(0)
                                .get(0),
                        table);
            }
        }
    }

    @Test
    void everyRowIsMovedUnchangedAndEachPollLivesInOnePartition() throws SQLException {
        try (Connection db = connect()) {
            assertEquals(ballotsBefore, ballots(db));
            assertEquals(participationBefore, participation(db));
            assertEquals(POLLS * VOTERS, ballotsBefore.size());
            for (String table : List.of("ballot", "participation")) {
                assertEquals(
                        List.of(),
                        TestDatabase.rows(
                                db,
                                "SELECT poll_id FROM " + table
                                        + " GROUP BY poll_id HAVING COUNT(DISTINCT tableoid) > 1"),
                        table + ": a poll's rows lie in one partition");
                int used = Integer.parseInt(TestDatabase.rows(db, "SELECT COUNT(DISTINCT tableoid) FROM " + table)
                        .get(0)
                        .get(0));
                assertTrue(used >= 8, table + ": 20 polls spread over " + used + " of 16 partitions");
            }
        }
    }

    @Test
    void aQueryForOnePollReadsOnePartition() throws SQLException {
        try (Connection db = connect()) {
            String pollId = ballotsBefore.get(0).get(0);
            assertTrue(pollId.matches("[0-9a-f-]{36}"), pollId); // a literal below, as the planner sees it
            // With a literal the plan is the one made for this value, never a generic plan left from an earlier run.
            String plan =
                    TestDatabase.rows(db, "EXPLAIN SELECT choices FROM ballot WHERE poll_id = '" + pollId + "'")
                            .stream()
                            .map(row -> row.get(0))
                            .collect(Collectors.joining("\n"));
            assertEquals(1, plan.split("ballot_p\\d\\d", -1).length - 1, pollId + ":\n" + plan);
            String changedVote = TestDatabase.rows(
                            db,
                            "EXPLAIN SELECT id FROM ballot WHERE poll_id = ? AND voter = ?",
                            pollId,
                            ballotsBefore.get(0).get(2))
                    .stream()
                    .map(row -> row.get(0))
                    .collect(Collectors.joining("\n"));
            assertEquals(1, changedVote.split("ballot_p\\d\\d", -1).length - 1, changedVote);
        }
    }

    @Test
    void onePersonStillHasOneParticipationAndABallotIdOneRow() throws SQLException {
        try (Connection db = connect()) {
            List<String> participation = participationBefore.get(0);
            SQLException twice = assertThrows(
                    SQLException.class,
                    () -> TestDatabase.execute(
                            db,
                            "INSERT INTO participation (poll_id, voter_key, receipt_id, revision, accepted_at)"
                                    + " VALUES (?, ?, ?, 1, now())",
                            participation.get(0),
                            participation.get(1),
                            UUID.randomUUID().toString()));
            assertEquals("23505", twice.getSQLState(), twice::getMessage);
            List<String> ballot = ballotsBefore.get(0);
            SQLException sameBallot = assertThrows(
                    SQLException.class,
                    () -> TestDatabase.execute(
                            db,
                            "INSERT INTO ballot (poll_id, id, choices, accepted_at, counted_at)"
                                    + " VALUES (?, ?, 'x', now(), now())",
                            ballot.get(0),
                            ballot.get(1)));
            assertEquals("23505", sameBallot.getSQLState(), sameBallot::getMessage);
        }
    }

    @Test
    void deletingAPollStillDeletesItsBallotsAndParticipation() throws SQLException {
        try (Connection db = connect()) {
            String pollId = ballotsBefore.get(ballotsBefore.size() - 1).get(0);
            TestDatabase.execute(db, "DELETE FROM poll WHERE id = ?", pollId);
            assertEquals(
                    List.of(List.of("0", "0")),
                    TestDatabase.rows(
                            db,
                            "SELECT (SELECT COUNT(*) FROM ballot WHERE poll_id = ?),"
                                    + " (SELECT COUNT(*) FROM participation WHERE poll_id = ?)",
                            pollId,
                            pollId));
        }
    }

    private static void migrate(String target) {
        Flyway.configure(BallotPartitioningIT.class.getClassLoader())
                .dataSource(URL, "postgres", "")
                .locations(DatabaseMigration.locations("PostgreSQL", false))
                .target(target)
                .load()
                .migrate();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", "");
    }

    /** Polls with ballots and participation as the aggregator writes them; the last poll is anonymous. */
    private static void fill(Connection db) throws SQLException {
        Timestamp at = Timestamp.from(Instant.parse("2026-11-30T10:00:00Z"));
        try (var poll = db.prepareStatement("INSERT INTO poll (id, title, description, type, anonymous,"
                        + " allow_vote_change, results_visibility, status, open_schedule_fired, close_schedule_fired,"
                        + " created_by, created_at, version) VALUES (?, ?, '', 'SINGLE', ?, false, 'LIVE', 'OPEN',"
                        + " false, false, 'author', ?, 1)");
                var participation = db.prepareStatement("INSERT INTO participation (poll_id, voter_key, receipt_id,"
                        + " idempotency_key, revision, accepted_at) VALUES (?, ?, ?, ?, 1, ?)");
                var ballot = db.prepareStatement("INSERT INTO ballot (id, poll_id, voter, choices, accepted_at,"
                        + " counted_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int p = 0; p < POLLS; p++) {
                String pollId = UUID.randomUUID().toString();
                boolean anonymous = p == POLLS - 1;
                poll.setString(1, pollId);
                poll.setString(2, "Poll " + p);
                poll.setBoolean(3, anonymous);
                poll.setTimestamp(4, at);
                poll.executeUpdate();
                for (int v = 0; v < VOTERS; v++) {
                    String voter = "voter" + (p * VOTERS + v);
                    participation.setString(1, pollId);
                    participation.setString(2, anonymous ? UUID.randomUUID().toString() : voter);
                    participation.setString(3, UUID.randomUUID().toString());
                    participation.setString(4, v % 2 == 0 ? "key-" + v : null);
                    participation.setTimestamp(5, at);
                    participation.addBatch();
                    ballot.setString(1, UUID.randomUUID().toString());
                    ballot.setString(2, pollId);
                    ballot.setString(3, anonymous ? null : voter);
                    ballot.setString(4, "option-" + (v % 3));
                    ballot.setTimestamp(5, at);
                    ballot.setTimestamp(6, at);
                    ballot.addBatch();
                }
            }
            participation.executeBatch();
            ballot.executeBatch();
        }
    }

    private static List<List<String>> ballots(Connection db) throws SQLException {
        return TestDatabase.rows(
                db, "SELECT poll_id, id, voter, choices, accepted_at, counted_at FROM ballot ORDER BY poll_id, id");
    }

    private static List<List<String>> participation(Connection db) throws SQLException {
        return TestDatabase.rows(
                db,
                "SELECT poll_id, voter_key, receipt_id, idempotency_key, revision, accepted_at FROM participation"
                        + " ORDER BY poll_id, voter_key");
    }

    private static String relationKind(Connection db, String table) throws SQLException {
        return TestDatabase.rows(db, "SELECT relkind::text FROM pg_class WHERE oid = ?::regclass", table)
                .get(0)
                .get(0);
    }
}
