package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.poll.PollId;
import io.intrapoll.vote.BallotIntake.Submission;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request that stops waiting and a writer that takes its ballot race for it: exactly one wins, so a ballot whose
 * claim is given back is never sent, and one being sent keeps its claim until the send's outcome is known.
 */
class BallotSubmissionTest {

    private static Submission submission() {
        return new Submission(new Ballot(
                "b1",
                new PollId("p1"),
                "voter1",
                "voter1",
                List.of("o1"),
                Instant.parse("2026-11-29T12:00:00Z"),
                1,
                "b1",
                null,
                false));
    }

    @Test
    void aWithdrawnBallotIsNeverWritten() {
        Submission submission = submission();
        assertTrue(submission.withdraw(), "withdrawn before any writer took it");
        assertFalse(submission.takeForWriting(), "a writer must skip it");
        assertTrue(submission.durable().isCompletedExceptionally(), "its request learns it was not written");
    }

    @Test
    void aBallotBeingWrittenCannotBeWithdrawn() {
        Submission submission = submission();
        assertTrue(submission.takeForWriting());
        assertFalse(submission.withdraw(), "its request must wait for the write's outcome, not give the claim back");
        assertFalse(submission.durable().isDone(), "the write decides");
    }
}
