package io.intrapoll.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A registered webhook: where to deliver which events, and the secret its deliveries are signed with. */
@Entity
@Table(name = "webhook")
public class Webhook {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 2000)
    private String url;

    /** The event types, comma-joined. */
    @Column(nullable = false, length = 500)
    private String events;

    @Column(length = 500)
    private String description;

    @Column(nullable = false, length = 100)
    private String secret;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Webhook() {
        // for JPA
    }

    Webhook(
            String id,
            String url,
            List<String> events,
            String description,
            String secret,
            String createdBy,
            Instant at) {
        this.id = id;
        this.url = url;
        this.events = String.join(",", events);
        this.description = description;
        this.secret = secret;
        this.active = true;
        this.createdBy = createdBy;
        this.createdAt = at;
    }

    String id() {
        return id;
    }

    String url() {
        return url;
    }

    List<String> events() {
        return Arrays.asList(events.split(","));
    }

    boolean wants(String eventType) {
        return events().contains(eventType);
    }

    String description() {
        return description;
    }

    String secret() {
        return secret;
    }

    boolean isActive() {
        return active;
    }

    void activate(boolean active) {
        this.active = active;
    }

    void describe(String description) {
        this.description = description;
    }

    void subscribe(List<String> events) {
        this.events = String.join(",", events);
    }

    void deliverTo(String url) {
        this.url = url;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }
}
