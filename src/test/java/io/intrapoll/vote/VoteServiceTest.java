package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.identity.Caller;
import io.intrapoll.identity.Role;
import io.intrapoll.identity.VoterKeys;
import io.intrapoll.platform.Caches;
import io.intrapoll.platform.LocalCaches;
import io.intrapoll.platform.Problem;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.Tracing;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollOpened;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollStatus;
import io.intrapoll.poll.PollType;
import io.intrapoll.support.PlainThreads;
import io.intrapoll.vote.VoteMetrics.Rejection;
import io.intrapoll.vote.VoterRegistry.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Taking a vote, from the poll check to the answer: the real service, claims registry (on the application's local
 * Infinispan caches), group-commit intake and counting side (on an in-memory database), with only the broker's
 * journal write stood in for, so that it can be slow or away.
 */
class VoteServiceTest {

    private static final PollId POLL = new PollId("poll-1");
    private static final PollId OTHER_POLL = new PollId("poll-2");
    private static final Caller ANA = voter("ana");
    private static final Caller BO = voter("bo");

    private final Caches caches = LocalCaches.start();
    private final TestCounting counting = new TestCounting();
    private final RecordingBroker broker = new RecordingBroker();
    private final RecordedMetrics metrics = new RecordedMetrics();
    private final VoterRegistry registry = new VoterRegistry();
    private final BallotIntake intake = new BallotIntake();
    private final VoteService votes = new VoteService();
    private int groupsCounted;

    VoteServiceTest() {
        registry.caches = caches;
        registry.em = counting.database.entityManager();
        intake.queue = broker;
        intake.tracing = Tracing.OFF;
        intake.metrics = metrics;
        intake.threads = new PlainThreads();
        intake.maxBatch = 100;
        intake.writers = 1;
        intake.capacity = 1_000;
        intake.start(null);
        VoterKeys keys = VoterKeys.withSecret("unit-test-secret");
        votes.polls = counting.polls;
        votes.registry = registry;
        votes.keys = keys;
        votes.intake = intake;
        votes.tracing = Tracing.OFF;
        votes.metrics = metrics;
        votes.waitMillis = 2_000;
        votes.ingestEnabled = true;
    }

    @AfterEach
    void tearDown() {
        broker.release();
        intake.stop();
        LocalCaches.stop(caches);
        counting.close();
    }

    @Test
    void aVoteIsAnsweredOnlyOnceItsBallotIsDurableOnTheBroker() throws Exception {
        open(POLL, false);
        broker.hold();
        CompletableFuture<Receipt> answer = CompletableFuture.supplyAsync(() -> vote(ANA, null, "red"));
        broker.awaitSendHeld();
        assertFalse(answer.isDone(), "no answer while the journal write is under way");
        broker.release();
        Receipt receipt = answer.get(5, TimeUnit.SECONDS);

        assertEquals(Receipt.ACCEPTED, receipt.status());
        Ballot sent = single(broker.ballots());
        assertEquals(receipt.receiptId(), sent.receiptId());
        assertEquals("ana", sent.voter());
        assertEquals(List.of("red"), sent.choices());
        assertEquals(1, sent.revision());
        assertEquals(1, metrics.acceptedCount());
    }

    @Test
    void anAcceptedVoteIsCountedAndShownToTheVoterAsTheirs() {
        open(POLL, false);
        Receipt receipt = vote(ANA, null, "blue");
        countWhatTheBrokerHolds();
        assertEquals(Map.of("blue", 1L), counting.votes(POLL));
        Receipt mine = votes.mine(POLL, ANA);
        assertEquals(receipt.receiptId(), mine.receiptId());
        assertEquals(List.of("blue"), mine.optionIds());
    }

    @Test
    void aBallotTheBrokerCannotTakeIsRefusedWith503AndTheVoterMayTryAgain() {
        open(POLL, false);
        broker.goDown();
        Problem refused = refused(() -> vote(ANA, "k1", "red"));
        assertEquals(503, refused.status());
        assertEquals(1, metrics.rejectedCount(Rejection.UNAVAILABLE));
        assertEquals(404, refused(() -> votes.mine(POLL, ANA)).status(), "nothing of hers accepted");

        broker.comeBack();
        Receipt receipt = vote(ANA, "k1", "red");
        assertEquals(receipt.receiptId(), single(broker.ballots()).receiptId());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameReceiptAndSendsNothingMore() {
        open(POLL, false);
        Receipt first = vote(ANA, "k1", "red");
        Receipt retry = vote(ANA, "k1", "red");
        assertEquals(first.receiptId(), retry.receiptId());
        assertEquals(first.acceptedAt(), retry.acceptedAt());
        assertEquals(1, broker.ballots().size());
    }

    @Test
    void aRetryWhileTheFirstRequestIsBeingWrittenWaitsForTheFirstRequestsReceipt() throws Exception {
        open(POLL, false);
        broker.hold();
        CompletableFuture<Receipt> first = CompletableFuture.supplyAsync(() -> vote(ANA, "k1", "red"));
        broker.awaitSendHeld();
        CompletableFuture<Receipt> retry = CompletableFuture.supplyAsync(() -> vote(ANA, "k1", "red"));
        Thread.sleep(100);
        assertFalse(retry.isDone(), "the retry waits for the first request's ballot");
        broker.release();
        assertEquals(
                first.get(5, TimeUnit.SECONDS).receiptId(),
                retry.get(5, TimeUnit.SECONDS).receiptId());
        assertEquals(1, broker.ballots().size());
    }

    @Test
    void aSecondVoteIsRefusedWhereThePollAllowsNoChange() {
        open(POLL, false);
        Receipt first = vote(ANA, null, "red");
        Problem refused = refused(() -> vote(ANA, null, "green"));
        assertEquals(409, refused.status());
        assertTrue(refused.type().endsWith("/already-voted"), refused.type());
        assertEquals(1, metrics.rejectedCount(Rejection.ALREADY_VOTED));
        assertEquals(1, broker.ballots().size());
        assertEquals(first.receiptId(), votes.mine(POLL, ANA).receiptId());
    }

    @Test
    void aChangeOfVoteWhereThePollAllowsItIsSentAsTheNextRevisionAndReplacesTheFirst() {
        open(POLL, true);
        Receipt first = vote(ANA, null, "red");
        vote(BO, null, "red");
        Receipt change = vote(ANA, null, "green");
        assertNotEquals(first.receiptId(), change.receiptId());
        List<Ballot> anas = broker.ballots().stream()
                .filter(ballot -> ballot.voter().equals("ana"))
                .toList();
        assertEquals(List.of(1, 2), anas.stream().map(Ballot::revision).toList());
        assertFalse(anas.get(1).provenFirst());

        countWhatTheBrokerHolds();
        assertEquals(2, counting.ballots(POLL));
        assertEquals(Map.of("red", 1L, "green", 1L), counting.votes(POLL));
        assertEquals(List.of("green"), votes.mine(POLL, ANA).optionIds());
    }

    @Test
    void aVoteAcceptedAfterARefusedChangeOfVoteIsTheOneCounted() {
        open(POLL, true);
        vote(ANA, null, "red");
        countWhatTheBrokerHolds();
        broker.goDown();
        assertEquals(503, refused(() -> vote(ANA, null, "green")).status());
        broker.comeBack();
        Receipt change = vote(ANA, null, "blue");

        countWhatTheBrokerHolds();
        assertEquals(List.of("blue"), votes.mine(POLL, ANA).optionIds(), "what she is shown");
        assertEquals(Map.of("blue", 1L), counting.votes(POLL), "what is counted: " + broker.ballots());
        assertEquals(change.receiptId(), votes.mine(POLL, ANA).receiptId());
    }

    @Test
    void aBallotStillBeingWrittenWhenTheWaitEndsKeepsItsClaimAndIsConfirmedOnceWritten() throws Exception {
        open(POLL, false);
        votes.waitMillis = 200;
        broker.hold();
        assertEquals(503, refused(() -> vote(ANA, "k1", "red")).status(), "not known to be stored in time");
        Problem again = refused(() -> vote(ANA, null, "green"));
        assertEquals(409, again.status(), "a ballot of hers may still count: she is not told to vote again");

        broker.release();
        Receipt mine = awaitMine(ANA);
        assertEquals(mine.receiptId(), single(broker.ballots()).receiptId());
        assertEquals(mine.receiptId(), vote(ANA, "k1", "red").receiptId(), "the retry gets that ballot's receipt");
        assertEquals(1, broker.ballots().size());
    }

    @Test
    void aBallotStillQueuedWhenTheWaitEndsIsNeverSentAndItsVoterMayVoteAgain() throws Exception {
        open(POLL, false);
        votes.waitMillis = 300;
        broker.hold();
        CompletableFuture<Problem> ana = CompletableFuture.supplyAsync(() -> refused(() -> vote(ANA, null, "red")));
        broker.awaitSendHeld(); // the one writer is busy with ana's group
        // Bo's wait ends well after hers: with only a few milliseconds between them, a busy machine sometimes let the
        // release below (after bo's answer) come before she gave up, and her vote was, rightly, accepted.
        Thread.sleep(100);
        assertEquals(503, refused(() -> vote(BO, null, "green")).status());
        broker.release();
        assertEquals(503, ana.get(5, TimeUnit.SECONDS).status(), "her write outlasted the wait");
        awaitMine(ANA); // and was confirmed once done

        Receipt retry = vote(BO, null, "green");
        List<Ballot> bos = broker.ballots().stream()
                .filter(ballot -> ballot.voter().equals("bo"))
                .toList();
        assertEquals(
                List.of(retry.receiptId()), bos.stream().map(Ballot::receiptId).toList(), "the retry only");
    }

    @Test
    void aVoteInAPollThatIsNotOpenIsRefused() {
        PollSnapshot open = KnownPolls.open(POLL, PollType.SINGLE, false, false);
        counting.add(new PollSnapshot(
                POLL,
                open.type(),
                open.maxChoices(),
                open.optionIds(),
                PollStatus.CLOSED,
                open.anonymous(),
                open.allowVoteChange(),
                open.createdBy(),
                open.audienceGroups(),
                Set.of(),
                open.resultsVisibility(),
                open.answer()));
        Problem refused = refused(() -> vote(ANA, null, "red"));
        assertEquals(409, refused.status());
        assertTrue(refused.type().endsWith("/poll-not-open"), refused.type());
        assertTrue(broker.ballots().isEmpty());
    }

    @Test
    void aBallotThatDoesNotFitThePollIsRefusedBeforeAnyClaim() {
        open(POLL, false);
        assertEquals(422, refused(() -> vote(ANA, null, "red", "green")).status());
        assertEquals(404, refused(() -> votes.mine(POLL, ANA)).status());
        vote(ANA, null, "green");
        assertEquals(1, broker.ballots().size());
    }

    @Test
    void anAnonymousBallotNamesNobodyAndItsReceiptIsNotItsId() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, true, false));
        registry.opened(new PollOpened(POLL));
        Receipt receipt = vote(ANA, null, "red");
        Ballot sent = single(broker.ballots());
        assertNull(sent.voter());
        assertFalse(sent.voterKey().contains("ana"), sent.voterKey());
        assertEquals(receipt.receiptId(), sent.receiptId());
        assertNotEquals(sent.id(), sent.receiptId(), "the receipt leads to no counted ballot");

        assertEquals(409, refused(() -> vote(ANA, null, "green")).status(), "still one ballot per person");
        Receipt mine = votes.mine(POLL, ANA);
        assertEquals(receipt.receiptId(), mine.receiptId());
        assertNull(mine.optionIds(), "an anonymous poll shows nobody's choices");
    }

    @Test
    void onlyAFirstBallotInAPollTheCacheVouchesForIsSentAsProvenFirst() {
        open(POLL, false);
        counting.add(KnownPolls.open(OTHER_POLL, PollType.SINGLE, false, false)); // opened before the cache was up
        vote(ANA, null, "red");
        votes.vote(OTHER_POLL, VoteRequest.ofOptions(List.of("red")), null, ANA);
        Map<PollId, Boolean> provenFirst =
                broker.ballots().stream().collect(Collectors.toMap(Ballot::pollId, Ballot::provenFirst));
        assertEquals(Map.of(POLL, true, OTHER_POLL, false), provenFirst);
    }

    @Test
    void aVoteCountedBeforeTheCacheWasLostIsStillTheVotersOne() {
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, false)); // no marker: the cache knows nothing
        counting.aggregation.apply(
                List.of(new Ballot("b1", POLL, "ana", "ana", List.of("blue"), Instant.now(), 1, "b1", null, false)));

        assertEquals(409, refused(() -> vote(ANA, null, "red")).status());
        Receipt mine = votes.mine(POLL, ANA);
        assertEquals("b1", mine.receiptId());
        assertEquals(List.of("blue"), mine.optionIds(), "from the counted ballot");
        assertTrue(broker.ballots().isEmpty());
    }

    /** What a claim and a participation keep of the Idempotency-Key "k1": its hash. */
    private static final String STORED_K1 = io.intrapoll.identity.VoterKeys.hashOf("k1");

    @Test
    void theRetryOfARequestWhoseNodeWentDownIsAcceptedUnderTheFirstRequestsReceipt() {
        open(POLL, false);
        Claim orphan =
                new Claim("r-orphan", STORED_K1, 1, Instant.now().minus(Duration.ofMinutes(1)), List.of("red"), false);
        registry.claim(POLL, "ana", orphan); // taken by a node that went down before it answered

        Receipt receipt = vote(ANA, "k1", "red");
        assertEquals("r-orphan", receipt.receiptId());
        Ballot sent = single(broker.ballots());
        assertEquals("r-orphan", sent.receiptId());
        assertEquals(1, sent.revision(), "the same revision: should the first ballot arrive too, one counts");
        assertFalse(sent.provenFirst(), "its first attempt may have been counted");
        assertEquals("r-orphan", votes.mine(POLL, ANA).receiptId());
    }

    @Test
    void theRetryOfARequestWhoseBallotWasCountedAfterAllGetsItsReceiptAndSendsNothing() {
        open(POLL, false);
        Instant acceptedAt = Instant.now().minus(Duration.ofMinutes(1));
        registry.claim(POLL, "ana", new Claim("r-orphan", STORED_K1, 1, acceptedAt, List.of("red"), false));
        counting.aggregation.apply(List.of(new Ballot(
                "r-orphan", POLL, "ana", "ana", List.of("red"), acceptedAt, 1, "r-orphan", STORED_K1, false)));

        assertEquals("r-orphan", vote(ANA, "k1", "red").receiptId());
        assertTrue(broker.ballots().isEmpty());
        assertEquals(Map.of("red", 1L), counting.votes(POLL));
    }

    @Test
    void anAggregatorOnlyNodeTakesNoVotes() {
        open(POLL, false);
        votes.ingestEnabled = false;
        assertEquals(503, refused(() -> vote(ANA, null, "red")).status());
        assertTrue(broker.ballots().isEmpty());
    }

    /** A poll opened from DRAFT while the caches were up, as PollService opens it. */
    private void open(PollId id, boolean allowVoteChange) {
        counting.add(KnownPolls.open(id, PollType.SINGLE, false, allowVoteChange));
        registry.opened(new PollOpened(id));
    }

    private Receipt vote(Caller caller, String idempotencyKey, String... choices) {
        return votes.vote(POLL, VoteRequest.ofOptions(List.of(choices)), idempotencyKey, caller);
    }

    /** What the aggregator does with each group the broker delivers. */
    private void countWhatTheBrokerHolds() {
        List<List<Ballot>> groups = broker.groups();
        for (; groupsCounted < groups.size(); groupsCounted++) {
            counting.batcher.count(groups.get(groupsCounted));
        }
    }

    /** The caller's receipt, once their ballot's write has been confirmed. */
    private Receipt awaitMine(Caller caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return votes.mine(POLL, caller);
            } catch (ProblemException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }

    private static Problem refused(Executable request) {
        return assertThrows(ProblemException.class, request).problem();
    }

    private static Ballot single(List<Ballot> ballots) {
        assertEquals(1, ballots.size(), ballots::toString);
        return ballots.get(0);
    }

    private static Caller voter(String name) {
        return new Caller(name, Set.of(Role.VOTER), Set.of());
    }
}
