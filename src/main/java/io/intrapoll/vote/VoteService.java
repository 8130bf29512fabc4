package io.intrapoll.vote;

import io.intrapoll.identity.Caller;
import io.intrapoll.identity.VoterKeys;
import io.intrapoll.platform.Problem;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.Tracing;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollSnapshot;
import io.intrapoll.poll.PollStatus;
import io.intrapoll.poll.PollType;
import io.intrapoll.quiz.QuizScoring;
import io.intrapoll.vote.BallotIntake.Submission;
import io.intrapoll.vote.VoterRegistry.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Accepts ballots: checks the poll, the caller and the choices, takes the person's claim, and answers only once
 * the ballot is durable on the broker. A ballot that cannot be made durable in time is refused with 503, and
 * the claim is given back so the person can try again.
 */
@ApplicationScoped
public class VoteService {

    private static final int RETRY_AFTER_SECONDS = 2;
    /** However late a ballot reaches the intake, it gets this long to be written. */
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Beyond the wait, for clocks that differ between nodes: after both, a pending claim has lost its node. */
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(5);
    /** 22 base64url characters carry 128 bits; a UUID has 36 characters. */
    private static final int MIN_ANONYMOUS_KEY_LENGTH = 22;

    @Inject
    PollCache polls;

    @Inject
    VoterRegistry registry;

    @Inject
    VoterKeys keys;

    @Inject
    BallotIntake intake;

    @Inject
    Tracing tracing;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.wait-ms")
    long waitMillis;

    /** An aggregator-only node takes no votes; the load balancer sends them to ingest nodes. */
    @Inject
    @ConfigProperty(name = "intrapoll.ingest.enabled")
    boolean ingestEnabled;

    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    @Inject
    VoteMetrics metrics;

    public Receipt vote(PollId id, VoteRequest request, String idempotencyKey, Caller caller) {
        Timer.Context timing = metrics.ingestLatency().time();
        // The whole answer, not only the wait for the broker, stays within the wait: a vote during an outage
        // gets its 503 fast even when the steps before the write were slow.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            Receipt receipt = accept(id, request, idempotencyKey, caller, deadline);
            metrics.accepted().inc();
            return receipt;
        } catch (ProblemException refused) {
            metrics.rejected(rejection(refused.problem()));
            throw refused;
        } finally {
            timing.stop();
        }
    }

    private static VoteMetrics.Rejection rejection(Problem problem) {
        return switch (problem.status()) {
            case 409 ->
                problem.type().endsWith("/poll-not-open") || problem.type().endsWith("/time-up")
                        ? VoteMetrics.Rejection.POLL_NOT_OPEN
                        : VoteMetrics.Rejection.ALREADY_VOTED;
            case 422, 400 -> VoteMetrics.Rejection.INVALID_CHOICES;
            case 503 -> VoteMetrics.Rejection.UNAVAILABLE;
            default -> VoteMetrics.Rejection.NOT_ALLOWED;
        };
    }

    /**
     * @param idempotencyKey as sent: only its hash is stored (claims, participation); the key itself derives the
     *     receipt's tracker, so a repeat gets the same one and nobody can derive it later from what is stored
     */
    private Receipt accept(PollId id, VoteRequest request, String idempotencyKey, Caller caller, long deadline) {
        if (!ingestEnabled) {
            throw ProblemException.unavailable("This node does not take votes (aggregator only).", RETRY_AFTER_SECONDS);
        }
        PollSnapshot poll = votable(id, caller);
        List<FieldError> errors = BallotRules.check(poll, request);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The ballot does not fit the poll.", errors);
        }
        List<String> optionIds = BallotRules.choices(poll, request);
        Instant now = clock.instant();
        Integer points = null;
        PollId pollId = poll.id();
        String voterKey = keys.keyFor(pollId, caller.name(), poll.anonymous());
        String keyHash = idempotencyKey == null ? null : VoterKeys.hashOf(idempotencyKey);
        if (poll.type() == PollType.QUIZ) {
            if (QuizScoring.isTimeUp(poll, now)) {
                // A retry of a ballot accepted in time still gets its receipt.
                Claim earlier = registry.find(pollId, voterKey);
                if (keyHash != null && earlier != null && isSameKey(earlier, idempotencyKey, keyHash)) {
                    Claim durable = earlier.isDurable() ? earlier : awaitDurable(pollId, voterKey, earlier);
                    return replayed(durable, poll, voterKey, idempotencyKey);
                }
                throw ProblemException.conflict(
                        "time-up",
                        "Time is up",
                        "This quiz took answers for " + poll.answer().timeLimitSeconds() + " seconds after it opened.");
            }
            points = QuizScoring.points(poll, optionIds, now);
        }
        String ballotId = UUID.randomUUID().toString();
        String receiptId = poll.anonymous() ? UUID.randomUUID().toString() : ballotId;
        String tracker = trackerOf(poll, voterKey, idempotencyKey, receiptId);
        List<String> kept = poll.anonymous() ? null : List.copyOf(optionIds);

        Claim fresh = new Claim(receiptId, keyHash, 1, now, kept, false);
        VoterRegistry.Taken taken = registry.claim(pollId, voterKey, fresh);
        Claim current = taken.claim();
        if (!current.receiptId().equals(fresh.receiptId())) {
            if (keyHash != null && isSameKey(current, idempotencyKey, keyHash)) {
                if (isOrphaned(current, now)) {
                    return finishOrphaned(poll, current, voterKey, optionIds, caller, idempotencyKey, deadline);
                }
                Claim durable = awaitDurable(pollId, voterKey, current);
                return replayed(durable, poll, voterKey, idempotencyKey);
            }
            if (!poll.allowVoteChange()) {
                throw ProblemException.conflict(
                        "already-voted",
                        "Already voted",
                        "You have voted in this poll, and it does not allow a change.");
            }
            fresh = new Claim(receiptId, keyHash, current.revision() + 1, now, kept, false);
            if (!registry.replace(pollId, voterKey, current, fresh)) {
                throw ProblemException.conflict(
                        "concurrent-vote", "Concurrent vote", "Another ballot of yours is being accepted; try again.");
            }
        }
        Claim replaced = current.receiptId().equals(fresh.receiptId()) ? null : current;
        Ballot ballot = new Ballot(
                ballotId,
                pollId,
                voterKey,
                poll.anonymous() ? null : caller.name(),
                optionIds,
                now,
                fresh.revision(),
                receiptId,
                keyHash,
                taken.provenFirst(),
                traceOf(poll),
                points,
                Commitment.of(tracker, optionIds),
                breakdownGroupsOf(poll, caller));
        makeDurable(ballot, fresh, replaced, voterKey, deadline);
        return Receipt.accepted(receiptId, pollId, now, tracker);
    }

    /** Which of the poll's breakdown groups the voter belongs to as they vote, sorted (none for most polls). */
    private static List<String> breakdownGroupsOf(PollSnapshot poll, Caller caller) {
        return poll.breakdownGroups().isEmpty()
                ? List.of()
                : caller.groupsAmong(poll.breakdownGroups()).stream().sorted().toList();
    }

    /**
     * A receipt's tracker: derived from the Idempotency-Key under the server secret when there is one (so its repeat
     * answers the same body), else random. In an anonymous poll only from a key of at least 128 bits' length: a
     * guessable key would let whoever holds the secret and the stored key's hash find the tracker, and through the
     * commitment the ballot of a person.
     */
    private String trackerOf(PollSnapshot poll, String voterKey, String idempotencyKey, String receiptId) {
        boolean derivable =
                idempotencyKey != null && (!poll.anonymous() || idempotencyKey.length() >= MIN_ANONYMOUS_KEY_LENGTH);
        return derivable ? keys.trackerFor(poll.id(), voterKey, idempotencyKey, receiptId) : Commitment.newTracker();
    }

    /**
     * The 202 body again, for a repeat of the request with the same Idempotency-Key (in an anonymous poll, a key too
     * short to derive the tracker from gets a receipt without one: its tracker was random and is gone).
     */
    private Receipt replayed(Claim claim, PollSnapshot poll, String voterKey, String idempotencyKey) {
        boolean derivable = !poll.anonymous() || idempotencyKey.length() >= MIN_ANONYMOUS_KEY_LENGTH;
        return Receipt.accepted(
                claim.receiptId(),
                poll.id(),
                claim.acceptedAt(),
                derivable ? keys.trackerFor(poll.id(), voterKey, idempotencyKey, claim.receiptId()) : null);
    }

    /** Whether a claim was taken with this Idempotency-Key: its hash, or the key itself (claims of older nodes). */
    private static boolean isSameKey(Claim claim, String idempotencyKey, String keyHash) {
        return keyHash.equals(claim.idempotencyKey()) || idempotencyKey.equals(claim.idempotencyKey());
    }

    /** The caller's receipt in a poll, with its choices unless the poll is anonymous. */
    public Receipt mine(PollId id, Caller caller) {
        PollSnapshot poll = polls.find(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (!poll.isVisibleTo(caller)) {
            throw ProblemException.forbidden("This poll is not open to you.");
        }
        PollId pollId = poll.id();
        Claim claim = registry.find(pollId, keys.keyFor(pollId, caller.name(), poll.anonymous()));
        if (claim == null || !claim.isDurable()) {
            throw ProblemException.notFound("You have not voted in this poll.");
        }
        List<String> choices = poll.anonymous() ? null : choicesOf(claim, pollId, caller.name());
        return Receipt.mine(claim.receiptId(), poll, claim.acceptedAt(), choices);
    }

    /**
     * Which of these polls the caller has voted in (a durable ballot): the answer to a whole list page's "did I
     * vote?" in one call. Polls unknown or not visible to the caller are left out, as are malformed ids.
     */
    public List<String> votedAmong(List<String> ids, Caller caller) {
        return ids.stream()
                .distinct()
                .flatMap(text -> PollId.parse(text).flatMap(polls::find).stream())
                .filter(poll -> poll.isVisibleTo(caller))
                .filter(poll -> {
                    Claim claim = registry.find(poll.id(), keys.keyFor(poll.id(), caller.name(), poll.anonymous()));
                    return claim != null && claim.isDurable();
                })
                .map(poll -> poll.id().value())
                .toList();
    }

    private List<String> choicesOf(Claim claim, PollId pollId, String voter) {
        return claim.choices() != null ? claim.choices() : registry.countedChoices(pollId, voter);
    }

    private PollSnapshot votable(PollId id, Caller caller) {
        PollSnapshot poll = polls.find(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        boolean mayVote = caller.isAdmin() || (caller.isVoter() && poll.isInAudience(caller));
        if (!poll.isVisibleTo(caller) || !mayVote) {
            throw ProblemException.forbidden("You are not in this poll's audience.");
        }
        if (poll.status() != PollStatus.OPEN) {
            throw ProblemException.conflict(
                    "poll-not-open",
                    "Poll not open",
                    "This poll is " + poll.status() + "; it takes votes only while OPEN.");
        }
        return poll;
    }

    /** @param replaced the claim a change of vote took over, or null for a first ballot */
    private void makeDurable(Ballot ballot, Claim claim, Claim replaced, String voterKey, long deadline) {
        Submission submission = intake.submit(ballot);
        try {
            submission.durable().get(Math.max(MIN_WAIT_NANOS, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            registry.confirm(ballot.pollId(), voterKey, claim);
        } catch (ExecutionException notWritten) {
            refuse(ballot, claim, replaced, voterKey);
        } catch (TimeoutException e) {
            giveUp(submission, ballot, claim, replaced, voterKey);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(submission, ballot, claim, replaced, voterKey);
        }
    }

    /**
     * The wait is over. A ballot no writer has taken yet is withdrawn and its claim given back. One being written
     * may still become durable: its claim then follows the write's outcome (confirmed, or given back), so the person
     * is never told to vote again while a ballot of theirs can still be counted, and a retry with the same
     * Idempotency-Key gets this ballot's receipt once it is durable.
     */
    private void giveUp(Submission submission, Ballot ballot, Claim claim, Claim replaced, String voterKey) {
        if (submission.withdraw()) {
            refuse(ballot, claim, replaced, voterKey);
        }
        submission.durable().whenComplete((written, failure) -> {
            if (failure == null) {
                registry.confirm(ballot.pollId(), voterKey, claim);
            } else {
                giveBack(ballot, claim, replaced, voterKey);
            }
        });
        if (!submission.durable().isDone() || submission.durable().isCompletedExceptionally()) {
            throw unavailable();
        }
    }

    private void refuse(Ballot ballot, Claim claim, Claim replaced, String voterKey) {
        giveBack(ballot, claim, replaced, voterKey);
        throw unavailable();
    }

    /**
     * A ballot that will not be stored gives its claim back. A change of vote puts back the claim it took over: the
     * earlier ballot still counts, and the person's next ballot must be a later revision of it, or counting would
     * take that ballot for a repeat of the earlier one and ignore it.
     */
    private void giveBack(Ballot ballot, Claim claim, Claim replaced, String voterKey) {
        if (replaced == null) {
            registry.release(ballot.pollId(), voterKey, claim);
        } else {
            registry.replace(ballot.pollId(), voterKey, claim, replaced);
        }
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable(
                "The ballot could not be confirmed as stored just now. Try again: a retry never counts twice.",
                RETRY_AFTER_SECONDS);
    }

    /**
     * A claim still pending long after any request could have finished with it: the node that took it went down
     * between taking it and answering (it would have confirmed or released it within the wait otherwise).
     */
    private boolean isOrphaned(Claim claim, Instant now) {
        return !claim.isDurable()
                && claim.acceptedAt().plusMillis(waitMillis).plus(ORPHAN_GRACE).isBefore(now);
    }

    /**
     * The retry of a request whose node went down before it answered. If its ballot was counted, the answer is
     * its receipt. Otherwise this retry's ballot is made durable under the first one's receipt and revision: should
     * the first have reached the broker after all, the aggregator counts only one ballot of a revision.
     */
    private Receipt finishOrphaned(
            PollSnapshot poll,
            Claim orphan,
            String voterKey,
            List<String> optionIds,
            Caller caller,
            String idempotencyKey,
            long deadline) {
        PollId pollId = poll.id();
        Claim counted = registry.counted(pollId, voterKey);
        if (counted != null && counted.receiptId().equals(orphan.receiptId())) {
            registry.confirm(pollId, voterKey, orphan);
            return replayed(orphan, poll, voterKey, idempotencyKey);
        }
        // The first attempt's tracker (the same key and receipt): whichever of the two is counted, the receipt checks.
        String tracker = trackerOf(poll, voterKey, idempotencyKey, orphan.receiptId());
        Ballot ballot = new Ballot(
                poll.anonymous() ? UUID.randomUUID().toString() : orphan.receiptId(),
                pollId,
                voterKey,
                poll.anonymous() ? null : caller.name(),
                optionIds,
                orphan.acceptedAt(),
                orphan.revision(),
                orphan.receiptId(),
                orphan.idempotencyKey(),
                false, // a retry's ballot: its first attempt may have been counted
                traceOf(poll),
                poll.type() == PollType.QUIZ ? QuizScoring.points(poll, optionIds, orphan.acceptedAt()) : null,
                Commitment.of(tracker, optionIds),
                breakdownGroupsOf(poll, caller));
        // Should this retry fail too, the claim goes back to the ballot counted before it, if any.
        makeDurable(ballot, orphan, counted, voterKey, deadline);
        return Receipt.accepted(orphan.receiptId(), pollId, orphan.acceptedAt(), tracker);
    }

    /**
     * The request's span, as the parent of the ballot's next steps. None for an anonymous poll's ballot: a trace id
     * would tie the ballot to its request, and so to the person who sent it.
     */
    private String traceOf(PollSnapshot poll) {
        return poll.anonymous() ? null : tracing.current();
    }

    /** A repeat with the same Idempotency-Key waits for the first request's ballot, wherever it is accepted. */
    private Claim awaitDurable(PollId pollId, String voterKey, Claim pending) {
        try {
            Claim durable = registry.awaitDurable(pollId, voterKey, pending, waitMillis);
            if (durable == null) {
                throw ProblemException.unavailable(
                        "The first request with this Idempotency-Key was not accepted; try again.",
                        RETRY_AFTER_SECONDS);
            }
            return durable;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted; try again.", RETRY_AFTER_SECONDS);
        }
    }
}
