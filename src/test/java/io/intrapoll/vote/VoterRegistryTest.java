package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Caches;
import io.intrapoll.platform.LocalCaches;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollOpened;
import io.intrapoll.poll.PollType;
import io.intrapoll.vote.VoterRegistry.Claim;
import io.intrapoll.vote.VoterRegistry.Taken;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one-ballot-per-person check on a real (local) Infinispan claims cache, configured as the application
 * configures it, with participation on an in-memory database for what the cache does not know.
 */
class VoterRegistryTest {

    private static final PollId POLL = new PollId("poll-1");
    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30.123Z");

    private final Caches caches = LocalCaches.start();
    private final TestCounting counting = new TestCounting();
    private final VoterRegistry registry = new VoterRegistry();

    VoterRegistryTest() {
        registry.caches = caches;
        registry.em = counting.database.entityManager();
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, true));
    }

    @AfterEach
    void tearDown() {
        LocalCaches.stop(caches);
        counting.close();
    }

    @Test
    void theFirstClaimInAPollOpenedWhileTheCacheWasUpIsProvenFirst() {
        registry.opened(new PollOpened(POLL));
        Claim fresh = pending("k1", "red");
        Taken taken = registry.claim(POLL, "ana", fresh);
        assertEquals(fresh, taken.claim(), "this call won");
        assertTrue(taken.provenFirst(), "the aggregator may insert the participation without looking");
    }

    @Test
    void aSecondClaimOfTheSamePersonGetsTheFirstClaimBack() {
        registry.opened(new PollOpened(POLL));
        Claim first = pending("k1", "red");
        registry.claim(POLL, "ana", first);
        Taken second = registry.claim(POLL, "ana", pending("k2", "green"));
        assertEquals(first, second.claim(), "the first ballot stands");
        assertFalse(second.provenFirst());
    }

    @Test
    void claimsOfOtherPeopleAndOtherPollsAreTheirOwn() {
        registry.opened(new PollOpened(POLL));
        registry.claim(POLL, "ana", pending("k1", "red"));
        Claim bo = pending("k2", "red");
        Claim anaElsewhere = pending("k3", "red");
        assertEquals(bo, registry.claim(POLL, "bo", bo).claim());
        assertEquals(
                anaElsewhere,
                registry.claim(new PollId("poll-2"), "ana", anaElsewhere).claim());
    }

    @Test
    void aClaimGivenBackLetsThePersonVoteAgain() {
        registry.opened(new PollOpened(POLL));
        Claim refused = pending("k1", "red");
        registry.claim(POLL, "ana", refused);
        registry.release(POLL, "ana", refused);
        assertNull(registry.find(POLL, "ana"), "nothing accepted");
        Claim again = pending("k2", "red");
        Taken retry = registry.claim(POLL, "ana", again);
        assertEquals(again, retry.claim());
        assertTrue(retry.provenFirst(), "still no ballot of hers anywhere");
    }

    @Test
    void givingBackAClaimThatWasReplacedMeanwhileKeepsTheNewerOne() {
        registry.opened(new PollOpened(POLL));
        Claim first = pending("k1", "red");
        registry.claim(POLL, "ana", first);
        Claim change = new Claim(UUID.randomUUID().toString(), "k2", 2, NOW, List.of("green"), false);
        assertTrue(registry.replace(POLL, "ana", first, change));
        registry.release(POLL, "ana", first); // the first request's late give-back
        assertEquals(change, registry.find(POLL, "ana"));
    }

    @Test
    void aChangeOfVoteTakesOverTheClaimOnlyIfNobodyChangedItMeanwhile() {
        registry.opened(new PollOpened(POLL));
        Claim first = pending("k1", "red");
        registry.claim(POLL, "ana", first);
        Claim fromOneTab = new Claim(UUID.randomUUID().toString(), "k2", 2, NOW, List.of("green"), false);
        Claim fromAnotherTab = new Claim(UUID.randomUUID().toString(), "k3", 2, NOW, List.of("blue"), false);
        assertTrue(registry.replace(POLL, "ana", first, fromOneTab));
        assertFalse(registry.replace(POLL, "ana", first, fromAnotherTab), "it read a claim that is gone");
        assertEquals(fromOneTab, registry.find(POLL, "ana"));
    }

    @Test
    void concurrentClaimsOfOnePersonHaveExactlyOneWinner() throws Exception {
        registry.opened(new PollOpened(POLL));
        List<Attempt> attempts = claimAtOnce(8);
        assertOneWinner(attempts);
        assertEquals(
                1,
                attempts.stream()
                        .filter(attempt -> attempt.taken().provenFirst())
                        .count(),
                "the winner alone");
    }

    @Test
    void concurrentClaimsInAPollTheCacheDoesNotVouchForHaveExactlyOneWinnerToo() throws Exception {
        List<Attempt> attempts = claimAtOnce(8);
        assertOneWinner(attempts);
        assertTrue(attempts.stream().noneMatch(attempt -> attempt.taken().provenFirst()));
    }

    @Test
    void withoutTheMarkerAMissingClaimIsNotProofOfAFirstBallot() {
        registry.opened(new PollOpened(new PollId("another-poll")));
        Claim fresh = pending("k1", "red");
        Taken taken = registry.claim(POLL, "ana", fresh);
        assertEquals(fresh, taken.claim(), "no participation either: this call won");
        assertFalse(taken.provenFirst(), "the aggregator must look the participation up");
    }

    @Test
    void aBallotCountedBeforeTheCacheLostItsClaimIsFoundInTheDatabase() {
        Ballot counted = new Ballot(
                UUID.randomUUID().toString(),
                POLL,
                "ana",
                "ana",
                List.of("green"),
                NOW,
                2,
                "receipt-of-ana",
                "k1",
                false);
        counting.aggregation.apply(List.of(counted));

        Taken taken = registry.claim(POLL, "ana", pending("k9", "blue"));
        assertEquals(
                new Claim("receipt-of-ana", "k1", 2, NOW, null, true),
                taken.claim(),
                "her counted ballot, durable, at its revision");
        assertFalse(taken.provenFirst());
        assertEquals(taken.claim(), registry.find(POLL, "ana"), "and it is in the cache again");
    }

    @Test
    void aFirstVoteInAPollTheCacheVouchesForNeedsNoDatabase() {
        registry.opened(new PollOpened(POLL));
        registry.em = databaseAway();
        Claim fresh = pending("k1", "red");
        Taken taken = registry.claim(POLL, "ana", fresh);
        assertEquals(fresh, taken.claim());
        assertTrue(taken.provenFirst());
        assertEquals(fresh, registry.find(POLL, "ana"));
        assertNull(registry.find(POLL, "bo"), "nobody else voted, and no database said so");
    }

    @Test
    void aClaimReadsBackAsItWasTaken() {
        registry.opened(new PollOpened(POLL));
        Claim named = pending("k1", "blue", "red");
        Claim anonymous = new Claim(UUID.randomUUID().toString(), null, 1, NOW, null, false);
        registry.claim(POLL, "ana", named);
        registry.claim(POLL, "p:pseudonym", anonymous);
        assertEquals(named, registry.find(POLL, "ana"));
        assertEquals(anonymous, registry.find(POLL, "p:pseudonym"));
    }

    @Test
    void aConfirmedClaimIsDurable() {
        registry.opened(new PollOpened(POLL));
        Claim pending = pending("k1", "red");
        registry.claim(POLL, "ana", pending);
        registry.confirm(POLL, "ana", pending);
        assertEquals(pending.durable(), registry.find(POLL, "ana"));
        assertTrue(registry.find(POLL, "ana").isDurable());
    }

    @Test
    void aRepeatedRequestWaitsUntilTheFirstRequestsBallotIsDurable() throws Exception {
        registry.opened(new PollOpened(POLL));
        Claim pending = pending("k1", "red");
        registry.claim(POLL, "ana", pending);
        CompletableFuture<Void> firstRequest = CompletableFuture.runAsync(() -> {
            sleep(100);
            registry.confirm(POLL, "ana", pending);
        });
        assertEquals(pending.durable(), registry.awaitDurable(POLL, "ana", pending, 5_000));
        firstRequest.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRepeatedRequestLearnsWhenTheFirstRequestsBallotWasRefused() throws Exception {
        registry.opened(new PollOpened(POLL));
        Claim pending = pending("k1", "red");
        registry.claim(POLL, "ana", pending);
        CompletableFuture<Void> firstRequest = CompletableFuture.runAsync(() -> {
            sleep(100);
            registry.release(POLL, "ana", pending);
        });
        assertNull(registry.awaitDurable(POLL, "ana", pending, 5_000));
        firstRequest.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRepeatedRequestStopsWaitingForABallotThatStaysPending() throws Exception {
        registry.opened(new PollOpened(POLL));
        Claim pending = pending("k1", "red");
        registry.claim(POLL, "ana", pending);
        long started = System.nanoTime();
        assertNull(registry.awaitDurable(POLL, "ana", pending, 100));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 2_000, "it gave up in time");
    }

    /** A request's own claim, and what taking it found. */
    private record Attempt(Claim own, Taken taken) {}

    /** Many requests of one person, at the same moment, each with a claim of its own. */
    private List<Attempt> claimAtOnce(int requests) throws Exception {
        CyclicBarrier start = new CyclicBarrier(requests);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Attempt>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Claim own = pending("k" + i, "red");
                futures.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return new Attempt(own, registry.claim(POLL, "ana", own));
                }));
            }
            List<Attempt> attempts = new ArrayList<>();
            for (Future<Attempt> future : futures) {
                attempts.add(future.get(10, TimeUnit.SECONDS));
            }
            return attempts;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertOneWinner(List<Attempt> attempts) {
        Claim winner = registry.find(POLL, "ana");
        assertTrue(
                attempts.stream().allMatch(attempt -> attempt.taken().claim().equals(winner)),
                "every request sees the one claim that stands");
        assertEquals(
                1,
                attempts.stream()
                        .filter(attempt -> attempt.own().equals(winner))
                        .count(),
                "one request won");
    }

    private static Claim pending(String idempotencyKey, String... choices) {
        return new Claim(UUID.randomUUID().toString(), idempotencyKey, 1, NOW, List.of(choices), false);
    }

    /** An entity manager whose database does not answer. */
    private static EntityManager databaseAway() {
        return (EntityManager) Proxy.newProxyInstance(
                EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    throw new PersistenceException("the database is away");
                });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
