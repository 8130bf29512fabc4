package io.intrapoll.poll;

/**
 * Fired when a poll is changed, moves in its lifecycle or is deleted (observers act after the commit).
 *
 * @param version the poll's version as the change committed it; {@link #DELETED} when the change deleted it
 */
public record PollChanged(PollId pollId, long version) {

    /** The version of a deleted poll: newer than any it had, so nothing read of it before counts any more. */
    public static final long DELETED = Long.MAX_VALUE;

    static PollChanged deleted(PollId pollId) {
        return new PollChanged(pollId, DELETED);
    }
}
