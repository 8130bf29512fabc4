package io.intrapoll.poll;

/**
 * Fired when a poll opens (at creation, by hand, on schedule, or again after a close) or closes (by hand or on
 * schedule), inside the transaction that changes it: an observer may write in that transaction, or act after it.
 *
 * @param poll the poll as its owner sees it after the change
 */
public record PollTransition(PollView poll, PollStatus status) {}
