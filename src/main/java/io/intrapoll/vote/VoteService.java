package io.intrapoll.vote;

import io.intrapoll.identity.Caller;
import io.intrapoll.platform.Problem;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.Poll;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollRepository;
import io.intrapoll.poll.PollStatus;
import io.intrapoll.vote.VoterRegistry.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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

    @Inject
    PollRepository polls;

    @Inject
    VoterRegistry registry;

    @Inject
    VoterKeys keys;

    @Inject
    BallotIntake intake;

    @Inject
    @ConfigProperty(name = "intrapoll.intake.wait-ms", defaultValue = "1500")
    long waitMillis;

    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    @Inject
    VoteMetrics metrics;

    public Receipt vote(PollId id, List<String> optionIds, String idempotencyKey, Caller caller) {
        Timer.Context timing = metrics.ingestLatency().time();
        try {
            Receipt receipt = accept(id, optionIds, idempotencyKey, caller);
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
                problem.type().endsWith("/poll-not-open")
                        ? VoteMetrics.Rejection.POLL_NOT_OPEN
                        : VoteMetrics.Rejection.ALREADY_VOTED;
            case 422, 400 -> VoteMetrics.Rejection.INVALID_CHOICES;
            case 503 -> VoteMetrics.Rejection.UNAVAILABLE;
            default -> VoteMetrics.Rejection.NOT_ALLOWED;
        };
    }

    private Receipt accept(PollId id, List<String> optionIds, String idempotencyKey, Caller caller) {
        Poll poll = votable(id, caller);
        List<FieldError> errors = BallotRules.check(poll.type(), poll.maxChoices(), poll.options(), optionIds);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The ballot does not fit the poll.", errors);
        }
        String pollId = poll.id().value();
        String voterKey = keys.keyFor(pollId, caller.name(), poll.anonymous());
        Instant now = clock.instant();
        String ballotId = UUID.randomUUID().toString();
        String receiptId = poll.anonymous() ? UUID.randomUUID().toString() : ballotId;
        List<String> kept = poll.anonymous() ? null : List.copyOf(optionIds);

        Claim fresh = new Claim(receiptId, idempotencyKey, 1, now, kept, new CompletableFuture<>());
        Claim current = registry.claim(pollId, voterKey, fresh);
        if (current != fresh) {
            if (idempotencyKey != null && idempotencyKey.equals(current.idempotencyKey())) {
                awaitDurable(current.durable());
                return Receipt.accepted(current.receiptId(), pollId, current.acceptedAt());
            }
            if (!poll.allowVoteChange()) {
                throw ProblemException.conflict(
                        "already-voted",
                        "Already voted",
                        "You have voted in this poll, and it does not allow a change.");
            }
            fresh = new Claim(receiptId, idempotencyKey, current.revision() + 1, now, kept, new CompletableFuture<>());
            if (!registry.replace(pollId, voterKey, current, fresh)) {
                throw ProblemException.conflict(
                        "concurrent-vote", "Concurrent vote", "Another ballot of yours is being accepted; try again.");
            }
        }
        Ballot ballot = new Ballot(
                ballotId,
                pollId,
                voterKey,
                poll.anonymous() ? null : caller.name(),
                optionIds,
                now,
                fresh.revision(),
                receiptId,
                idempotencyKey);
        makeDurable(ballot, fresh, voterKey);
        return Receipt.accepted(receiptId, pollId, now);
    }

    /** The caller's receipt in a poll, with its choices unless the poll is anonymous. */
    public Receipt mine(PollId id, Caller caller) {
        Poll poll = polls.find(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (!poll.isVisibleTo(caller)) {
            throw ProblemException.forbidden("This poll is not open to you.");
        }
        String pollId = poll.id().value();
        Claim claim = registry.find(pollId, keys.keyFor(pollId, caller.name(), poll.anonymous()));
        if (claim == null || !claim.durable().isDone() || claim.durable().isCompletedExceptionally()) {
            throw ProblemException.notFound("You have not voted in this poll.");
        }
        List<String> choices = poll.anonymous() ? null : choicesOf(claim, pollId, caller.name());
        return new Receipt(claim.receiptId(), pollId, Receipt.ACCEPTED, claim.acceptedAt(), choices);
    }

    private List<String> choicesOf(Claim claim, String pollId, String voter) {
        return claim.choices() != null ? claim.choices() : registry.countedChoices(pollId, voter);
    }

    private Poll votable(PollId id, Caller caller) {
        Poll poll = polls.find(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
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

    private void makeDurable(Ballot ballot, Claim claim, String voterKey) {
        CompletableFuture<Void> written = intake.submit(ballot);
        try {
            written.get(waitMillis, TimeUnit.MILLISECONDS);
            claim.durable().complete(null);
        } catch (TimeoutException | ExecutionException e) {
            written.cancel(false); // a ballot not yet written is dropped from its group
            refuse(ballot, claim, voterKey, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(ballot, claim, voterKey, e);
        }
    }

    private void refuse(Ballot ballot, Claim claim, String voterKey, Exception cause) {
        claim.durable().completeExceptionally(cause);
        registry.release(ballot.pollId(), voterKey, claim);
        throw ProblemException.unavailable(
                "The ballot could not be confirmed as stored just now. Try again: a retry never counts twice.",
                RETRY_AFTER_SECONDS);
    }

    private void awaitDurable(CompletableFuture<Void> durable) {
        try {
            durable.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted; try again.", RETRY_AFTER_SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ProblemException.unavailable(
                    "The first request with this Idempotency-Key was not accepted; try again.", RETRY_AFTER_SECONDS);
        }
    }
}
