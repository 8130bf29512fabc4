package io.intrapoll.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A question from the audience. An anonymous one has no author: nothing stored links it to whoever asked it (its
 * upvotes are counted in {@code upvotes}, their one-per-person rows name the upvoters, never the asker).
 */
@Entity
@Table(name = "question")
public class Question {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Column(nullable = false, length = 500)
    private String text;

    @Column(length = 100)
    private String author;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private QuestionStatus status;

    @Column(nullable = false)
    private boolean answered;

    @Column(nullable = false)
    private boolean pinned;

    /** Kept by single UPDATE statements (upvote, withdraw), never read-modify-written. */
    @Column(nullable = false)
    private int upvotes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Question() {
        // for JPA
    }

    Question(String id, String eventId, String text, String author, QuestionStatus status, Instant createdAt) {
        this.id = id;
        this.eventId = eventId;
        this.text = text;
        this.author = author;
        this.status = status;
        this.createdAt = createdAt;
    }

    void moderate(QuestionStatus newStatus) {
        status = newStatus;
    }

    void answer() {
        answered = true;
    }

    void pin(boolean pinnedNow) {
        pinned = pinnedNow;
    }

    public String id() {
        return id;
    }

    public String eventId() {
        return eventId;
    }

    public String text() {
        return text;
    }

    /** The asker's user name; null for an anonymous question. */
    public String author() {
        return author;
    }

    public QuestionStatus status() {
        return status;
    }

    public boolean answered() {
        return answered;
    }

    public boolean pinned() {
        return pinned;
    }

    public int upvotes() {
        return upvotes;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
