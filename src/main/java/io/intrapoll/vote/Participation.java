package io.intrapoll.vote;

import io.intrapoll.poll.PollId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** That a person has voted in a poll (at most one row each): the final guard of one-ballot-per-person. */
@Entity
@Table(name = "participation")
@IdClass(Participation.Key.class)
public class Participation {

    @Id
    @Column(name = "poll_id", length = 36)
    private String pollId; // the column's text, as the key class below holds it too

    @Id
    @Column(name = "voter_key", length = 100)
    private String voterKey;

    @Column(name = "receipt_id", nullable = false, length = 36)
    private String receiptId;

    @Column(name = "idempotency_key", length = 100)
    private String idempotencyKey;

    @Column(nullable = false)
    private int revision;

    @Column(name = "accepted_at", nullable = false)
    private Instant acceptedAt;

    /** A quiz ballot's score (null for other types): what the leaderboard ranks. */
    @Column
    private Integer points;

    protected Participation() {
        // for JPA
    }

    Participation(Ballot ballot) {
        this.pollId = ballot.pollId().value();
        this.voterKey = ballot.voterKey();
        record(ballot);
    }

    /** The latest accepted ballot of this person replaces the earlier one. */
    void record(Ballot ballot) {
        this.receiptId = ballot.receiptId();
        this.idempotencyKey = ballot.idempotencyKey();
        this.revision = ballot.revision();
        this.acceptedAt = ballot.acceptedAt();
        this.points = ballot.points();
    }

    Key key() {
        return new Key(new PollId(pollId), voterKey);
    }

    String voterKey() {
        return voterKey;
    }

    String receiptId() {
        return receiptId;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    int revision() {
        return revision;
    }

    Instant acceptedAt() {
        return acceptedAt;
    }

    /**
     * The composite key: poll and voter key. Its fields mirror the entity's {@code @Id} columns (JPA's rule for an
     * id class), so the poll is held as text and a PollId only at the methods.
     */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String pollId;
        private String voterKey;

        public Key() {}

        Key(PollId pollId, String voterKey) {
            this.pollId = pollId.value();
            this.voterKey = voterKey;
        }

        PollId pollId() {
            return new PollId(pollId);
        }

        String voterKey() {
            return voterKey;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.pollId.equals(pollId) && key.voterKey.equals(voterKey);
        }

        @Override
        public int hashCode() {
            return pollId.hashCode() * 31 + voterKey.hashCode();
        }
    }
}
