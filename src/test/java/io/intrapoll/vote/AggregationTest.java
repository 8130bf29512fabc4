package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollType;
import io.intrapoll.tally.TalliesChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Counting a group of ballots into the durable tallies, on an in-memory database migrated like the real one:
 * each person counts once, a redelivery counts nothing twice, and a change of vote moves the person's vote.
 */
class AggregationTest {

    private static final PollId POLL = new PollId("poll-1");

    private final TestCounting counting = new TestCounting();

    @AfterEach
    void tearDown() {
        counting.close();
    }

    @Test
    void aGroupCountsEachFirstBallotOnce() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, false));
        counting.aggregation.apply(List.of(first("ana", "red"), first("bo", "red"), first("cy", "blue")));
        assertEquals(3, counting.ballots(POLL));
        assertEquals(Map.of("red", 2L, "blue", 1L), counting.votes(POLL));
        assertEquals(List.of("blue", "red", "red"), counting.countedChoices(POLL));
    }

    @Test
    void aMultipleChoiceBallotAddsAVoteToEachOptionItChose() {
        counting.add(KnownPolls.open(POLL, PollType.MULTIPLE, false, false));
        counting.aggregation.apply(List.of(first("ana", "red", "blue"), first("bo", "blue")));
        assertEquals(2, counting.ballots(POLL));
        assertEquals(Map.of("red", 1L, "blue", 2L), counting.votes(POLL));
    }

    @Test
    void aRedeliveredGroupChangesNothing() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, false));
        List<Ballot> group = List.of(first("ana", "red"), first("bo", "green"));
        counting.aggregation.apply(group);
        counting.aggregation.apply(group);
        assertEquals(2, counting.ballots(POLL));
        assertEquals(Map.of("red", 1L, "green", 1L), counting.votes(POLL));
        assertEquals(2, counting.countedChoices(POLL).size(), "one counted ballot per person");
    }

    @Test
    void aLaterRevisionMovesThePersonsVoteToTheNewChoice() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, true));
        counting.aggregation.apply(List.of(first("ana", "red"), first("bo", "red")));
        counting.aggregation.apply(List.of(ballot("ana", 2, false, "green")));
        assertEquals(2, counting.ballots(POLL), "still two people");
        assertEquals(Map.of("red", 1L, "green", 1L), counting.votes(POLL));
        assertEquals(List.of("green", "red"), counting.countedChoices(POLL), "the earlier ballot is replaced");
    }

    @Test
    void anOlderRevisionArrivingAfterANewerOneIsIgnored() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, true));
        Ballot firstVote = first("ana", "red");
        Ballot change = ballot("ana", 2, false, "green");
        counting.aggregation.apply(List.of(change));
        counting.aggregation.apply(List.of(firstVote));
        assertEquals(1, counting.ballots(POLL));
        assertEquals(Map.of("green", 1L), counting.votes(POLL));
        assertEquals(List.of("green"), counting.countedChoices(POLL));
    }

    @Test
    void aVoteAndItsChangeInOneGroupCountOnlyTheChange() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, true));
        counting.aggregation.apply(List.of(ballot("ana", 2, false, "blue"), first("ana", "red")), true);
        assertEquals(1, counting.ballots(POLL));
        assertEquals(Map.of("blue", 1L), counting.votes(POLL));
        assertEquals(List.of("blue"), counting.countedChoices(POLL));
    }

    @Test
    void aRankedBallotCountsItsFirstPreferenceAndKeepsItsWholeRanking() {
        counting.add(KnownPolls.open(POLL, PollType.RANKED, false, false));
        counting.aggregation.apply(List.of(first("ana", "blue", "red", "green"), first("bo", "red", "blue")));
        assertEquals(2, counting.ballots(POLL));
        assertEquals(Map.of("blue", 1L, "red", 1L), counting.votes(POLL));
        assertEquals(List.of("blue,red,green", "red,blue"), counting.countedChoices(POLL), "for instant runoff");
    }

    @Test
    void aRankedChangeOfVoteMovesTheFirstPreference() {
        counting.add(KnownPolls.open(POLL, PollType.RANKED, false, true));
        counting.aggregation.apply(List.of(first("ana", "blue", "red")));
        counting.aggregation.apply(List.of(ballot("ana", 2, false, "red", "blue")));
        assertEquals(1, counting.ballots(POLL));
        assertEquals(Map.of("red", 1L), counting.votes(POLL));
    }

    @Test
    void aRedeliveredProvenFirstBallotFailsTheTrustingTransactionAndCountsOnceWithoutTrust() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, false));
        Ballot ana = provenFirst("ana", "red");
        counting.aggregation.apply(List.of(ana), true);
        List<Ballot> redelivery = List.of(ana, provenFirst("bo", "green"));

        RuntimeException failed =
                assertThrows(RuntimeException.class, () -> counting.aggregation.apply(redelivery, true));
        assertInstanceOf(ConstraintViolationException.class, failed);
        assertTrue(failed.getMessage().contains("participation"), "the participation's primary key: " + failed);
        assertEquals(1, counting.ballots(POLL), "the failed transaction left nothing behind");

        counting.aggregation.apply(redelivery, false);
        assertEquals(2, counting.ballots(POLL));
        assertEquals(Map.of("red", 1L, "green", 1L), counting.votes(POLL));
    }

    @Test
    void theCountingThreadCountsABatchWithARedeliveredProvenFirstBallotGroupByGroup() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, false));
        Ballot ana = provenFirst("ana", "red");
        counting.batcher.count(List.of(ana));
        counting.batcher.count(List.of(ana, provenFirst("bo", "green"))); // the broker sent ana's group again
        counting.batcher.count(List.of(provenFirst("cy", "green")));
        assertEquals(3, counting.ballots(POLL));
        assertEquals(Map.of("red", 1L, "green", 2L), counting.votes(POLL));
    }

    @Test
    void aBatchWhoseDatabaseFileCannotBeSyncedIsNotAcknowledgedAndItsRedeliveryCountsNothingTwice() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, false));
        List<Ballot> group = List.of(provenFirst("ana", "red"), provenFirst("bo", "green"));
        counting.syncFails = true;

        RuntimeException failed = assertThrows(RuntimeException.class, () -> counting.batcher.count(group));
        assertTrue(failed.getMessage().contains("the disk is away"), "the session sees the failure: " + failed);

        counting.syncFails = false;
        counting.batcher.count(group); // the broker redelivers the message it was not allowed to let go of
        assertEquals(2, counting.ballots(POLL));
        assertEquals(Map.of("red", 1L, "green", 1L), counting.votes(POLL));
    }

    @Test
    void anAnonymousBallotIsStoredWithoutANameAndWithCoarseTimes() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, true, false));
        Instant acceptedAt = Instant.parse("2026-03-14T09:26:53.589Z");
        Ballot anonymous = new Ballot(
                UUID.randomUUID().toString(),
                POLL,
                "p:pseudonym",
                null,
                List.of("red"),
                acceptedAt,
                1,
                UUID.randomUUID().toString(),
                null,
                true);
        counting.aggregation.apply(List.of(anonymous), true);
        List<List<String>> stored = counting.database.rows(
                "SELECT voter, EXTRACT(MINUTE FROM accepted_at) * 60 + EXTRACT(SECOND FROM accepted_at),"
                        + " EXTRACT(MINUTE FROM counted_at) * 60 + EXTRACT(SECOND FROM counted_at) FROM ballot"
                        + " WHERE poll_id = ?",
                POLL.value());
        assertEquals(1, stored.size());
        assertNull(stored.get(0).get(0), "no name on the ballot");
        assertEquals(0, new BigDecimal(stored.get(0).get(1)).signum(), "accepted at the hour only");
        assertEquals(0, new BigDecimal(stored.get(0).get(2)).signum(), "counted at the hour only");
        assertEquals(Map.of("red", 1L), counting.votes(POLL));
    }

    @Test
    void ballotsOfADeletedPollAreDroppedAndTheOthersCounted() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, false));
        Ballot ofDeleted = new Ballot(
                UUID.randomUUID().toString(),
                new PollId("deleted-poll"),
                "ana",
                "ana",
                List.of("red"),
                Instant.now(),
                1,
                UUID.randomUUID().toString(),
                null,
                false);
        counting.aggregation.apply(List.of(ofDeleted, first("bo", "blue")));
        assertEquals(1, counting.ballots(POLL));
        assertEquals(0, counting.ballots(new PollId("deleted-poll")));
    }

    @Test
    void eachCountedGroupAnnouncesItsChangeWithTheNextTallyRevision() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, true));
        counting.aggregation.apply(List.of(first("ana", "red"), first("bo", "red")));
        counting.aggregation.apply(List.of(ballot("ana", 2, false, "blue")));
        counting.aggregation.apply(List.of(ballot("ana", 2, false, "blue"))); // a redelivery: nothing to announce

        List<TalliesChanged.PollChange> announced = counting.announced.stream()
                .map(change -> change.changes().get(POLL))
                .toList();
        assertTrue(announced.stream().allMatch(change -> change.changedAtMillis() > 0), announced::toString);
        List<TalliesChanged.PollChange> changes = announced.stream()
                .map(change -> new TalliesChanged.PollChange(change.ballots(), change.votes(), change.revision()))
                .toList();
        assertEquals(2, changes.size(), changes::toString);
        assertEquals(new TalliesChanged.PollChange(2, Map.of("red", 2L), 1), changes.get(0));
        assertEquals(new TalliesChanged.PollChange(0, Map.of("red", -1L, "blue", 1L), 2), changes.get(1));
        assertEquals(
                List.of(List.of("2")),
                counting.database.rows("SELECT revision FROM poll_tally WHERE poll_id = ?", POLL.value()),
                "live copies catch up from the revision in the database");
    }

    private static Ballot first(String voter, String... choices) {
        return ballot(voter, 1, false, choices);
    }

    private static Ballot provenFirst(String voter, String... choices) {
        return ballot(voter, 1, true, choices);
    }

    private static Ballot ballot(String voter, int revision, boolean provenFirst, String... choices) {
        String id = UUID.randomUUID().toString();
        return new Ballot(id, POLL, voter, voter, List.of(choices), Instant.now(), revision, id, null, provenFirst);
    }
}
