package io.intrapoll.certificate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A closed poll's results certificate, made once for each time it closed, never changed. */
@Entity
@Table(name = "poll_certificate")
@IdClass(PollCertificate.Key.class)
public class PollCertificate {

    @Id
    @Column(name = "poll_id", length = 36)
    private String pollId;

    @Id
    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "merkle_root", nullable = false, length = 64)
    private String merkleRoot;

    @Column(name = "tree_size", nullable = false)
    private int treeSize;

    /** Exactly the JWS's payload, as signed. */
    @Column(nullable = false, length = 1_000_000)
    private String payload;

    @Column(nullable = false, length = 1_000_000)
    private String jws;

    @Column(name = "key_id", nullable = false, length = 100)
    private String keyId;

    @Column(name = "signed_at", nullable = false)
    private Instant signedAt;

    protected PollCertificate() {
        // for JPA
    }

    PollCertificate(
            String pollId,
            Instant closedAt,
            String merkleRoot,
            int treeSize,
            String payload,
            String jws,
            String keyId,
            Instant signedAt) {
        this.pollId = pollId;
        this.closedAt = closedAt;
        this.merkleRoot = merkleRoot;
        this.treeSize = treeSize;
        this.payload = payload;
        this.jws = jws;
        this.keyId = keyId;
        this.signedAt = signedAt;
    }

    String merkleRoot() {
        return merkleRoot;
    }

    String payload() {
        return payload;
    }

    String jws() {
        return jws;
    }

    /** The primary key: the poll, and the close it certifies. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String pollId;
        private Instant closedAt;

        public Key() {}

        Key(String pollId, Instant closedAt) {
            this.pollId = pollId;
            this.closedAt = closedAt;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.pollId.equals(pollId) && key.closedAt.equals(closedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pollId, closedAt);
        }
    }
}
