package io.intrapoll.poll;

/**
 * Fired when a poll opens (at creation, by hand, on schedule, or again after a close) or closes (by hand or on
 * schedule), inside the transaction that changes it: an observer may write in that transaction, or act after it.
 *
 * @param poll the poll after the change as every voter may see it (an open quiz without its answers): what webhooks
 *     carry to other systems
 */
public record PollTransition(PollView poll, PollStatus status) {

    public PollTransition {
        if (poll.revealsAnswers() && status == PollStatus.OPEN) {
            poll = poll.withoutAnswers();
        }
    }
}
