package io.intrapoll.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One event for one webhook and the attempts to deliver it. Its id is the {@code webhook-id} of every attempt, so a
 * receiver can tell a retry from a new event. {@link #attempts} numbers the attempts: a queue message names the
 * attempt it is for, and only the next one runs, so a message sent twice never makes two attempts.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    /** Where a delivery stands. */
    public enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "webhook_id", nullable = false, length = 36)
    private String webhookId;

    @Column(nullable = false, length = 40)
    private String type;

    @Column(name = "poll_id", length = 36)
    private String pollId;

    /** The body, fixed at the first attempt (the final results only once counting has caught up). */
    @Column(length = 200000)
    private String payload;

    @Column(nullable = false, length = 20)
    private String status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_status_code")
    private Integer lastStatusCode;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected WebhookDelivery() {
        // for JPA
    }

    WebhookDelivery(String webhookId, String type, String pollId, String payload, Instant at, Instant firstAttemptAt) {
        this.id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        this.webhookId = webhookId;
        this.type = type;
        this.pollId = pollId;
        this.payload = payload;
        this.status = Status.PENDING.name();
        this.attempts = 0;
        this.createdAt = at;
        this.nextAttemptAt = firstAttemptAt;
    }

    String id() {
        return id;
    }

    String webhookId() {
        return webhookId;
    }

    String type() {
        return type;
    }

    String pollId() {
        return pollId;
    }

    String payload() {
        return payload;
    }

    void fix(String payload) {
        this.payload = payload;
    }

    Status status() {
        return Status.valueOf(status);
    }

    int attempts() {
        return attempts;
    }

    Integer lastStatusCode() {
        return lastStatusCode;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant deliveredAt() {
        return deliveredAt;
    }

    /** Attempt number {@code attempt} starts; it holds the delivery until {@code heldUntil}. */
    void start(int attempt, Instant heldUntil) {
        this.attempts = attempt;
        this.nextAttemptAt = heldUntil;
    }

    void delivered(int statusCode, Instant at) {
        this.status = Status.DELIVERED.name();
        this.lastStatusCode = statusCode;
        this.deliveredAt = at;
        this.nextAttemptAt = null;
    }

    /** Not delivered this time; {@code next} is when to try again, or null to give up. */
    void notDelivered(Integer statusCode, Instant next) {
        this.lastStatusCode = statusCode;
        this.nextAttemptAt = next;
        if (next == null) {
            this.status = Status.FAILED.name();
        }
    }

    /** Asked again by an admin: pending, due now. */
    void again(Instant now) {
        this.status = Status.PENDING.name();
        this.nextAttemptAt = now;
    }
}
