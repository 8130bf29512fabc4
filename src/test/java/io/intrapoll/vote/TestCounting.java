package io.intrapoll.vote;

import io.intrapoll.platform.EmbeddedDatabaseSync;
import io.intrapoll.platform.Tracing;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.support.InMemoryDatabase;
import io.intrapoll.support.PlainThreads;
import io.intrapoll.tally.TalliesChanged;
import io.intrapoll.tally.TallyRepositories;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The counting side without a container: the real {@link Aggregation}, {@link CountingBatcher} and tally repository
 * on an in-memory database with the project's migrations. Only the transaction boundary that the container's
 * {@code @Transactional} interceptor would draw is drawn here, around each {@code apply}.
 */
final class TestCounting implements AutoCloseable {

    final InMemoryDatabase database = new InMemoryDatabase(Participation.class, CountedBallot.class);
    final KnownPolls polls = new KnownPolls();
    final List<TalliesChanged> announced = new CopyOnWriteArrayList<>();
    final Aggregation aggregation = new Aggregation() {
        @Override
        public void apply(List<Ballot> group, boolean trustProvenFirst) {
            database.inTransaction(() -> super.apply(group, trustProvenFirst));
        }
    };
    final CountingBatcher batcher = new CountingBatcher();
    /** Set: the next syncs of the database file fail (a disk gone away). */
    volatile boolean syncFails;

    TestCounting() {
        aggregation.em = database.entityManager();
        aggregation.tallies = TallyRepositories.on(database.entityManager(), announced);
        aggregation.polls = polls;
        batcher.aggregation = aggregation;
        batcher.tracing = Tracing.OFF;
        batcher.threads = new PlainThreads();
        batcher.maxBallots = 1_000;
        batcher.waitSeconds = 10;
        batcher.lingerMillis = 0;
        batcher.sessions = 8;
        batcher.databaseSync = new EmbeddedDatabaseSync(database.dataSource()) {
            @Override
            public void sync() {
                if (syncFails) {
                    throw new IllegalStateException("the disk is away");
                }
                super.sync();
            }
        };
    }

    /** A poll both the poll cache and the database know. */
    PollSnapshot add(PollSnapshot poll) {
        database.addPoll(poll.id().value(), poll.type().name());
        return polls.add(poll);
    }

    /** The poll's ballot total in the durable tallies (0 before its first). */
    long ballots(PollId pollId) {
        List<List<String>> rows = database.rows("SELECT ballots FROM poll_tally WHERE poll_id = ?", pollId.value());
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    /** The poll's votes per option in the durable tallies, leaving out options at zero. */
    Map<String, Long> votes(PollId pollId) {
        Map<String, Long> votes = new TreeMap<>();
        database.rows("SELECT option_id, votes FROM option_tally WHERE poll_id = ? AND votes <> 0", pollId.value())
                .forEach(row -> votes.put(row.get(0), Long.parseLong(row.get(1))));
        return votes;
    }

    /** The choices of every counted ballot of the poll, as stored, in a stable order. */
    List<String> countedChoices(PollId pollId) {
        return database.rows("SELECT choices FROM ballot WHERE poll_id = ? ORDER BY choices", pollId.value()).stream()
                .map(row -> row.get(0))
                .toList();
    }

    @Override
    public void close() {
        batcher.stop();
        database.close();
    }
}
