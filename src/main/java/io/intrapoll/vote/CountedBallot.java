package io.intrapoll.vote;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * A ballot as counted. In an anonymous poll it names no voter and its times are coarse (the hour), so neither
 * its content nor its timing leads back to a participation row.
 */
@Entity
@Table(name = "ballot")
@IdClass(CountedBallot.Key.class)
public class CountedBallot {

    // The poll first: on PostgreSQL the table is partitioned by it, so every lookup by key reads one partition.
    @Id
    @Column(name = "poll_id", length = 36)
    private String pollId; // the column's text; JPQL queries compare it with PollId.value()

    @Id
    @Column(length = 36)
    private String id;

    @Column(length = 100)
    private String voter;

    @Column(nullable = false, length = 2000)
    private String choices;

    @Column(name = "accepted_at", nullable = false)
    private Instant acceptedAt;

    @Column(name = "counted_at", nullable = false)
    private Instant countedAt;

    /** What the voter's receipt commits to (API.md, "Receipts anyone can check"); null before trackers. */
    @Column(length = 64)
    private String commitment;

    /**
     * Which of the poll's breakdown groups the voter belonged to as they voted, comma-separated (group names hold
     * no comma); null for none. An anonymous ballot keeps these groups and nothing of the person.
     */
    @Column(name = "breakdown_groups", length = 2100)
    private String breakdownGroups;

    /** OPEN_TEXT: hidden by a moderator; its words are left out of the word cloud. */
    @Column(nullable = false)
    private boolean hidden;

    /** OPEN_TEXT: held back for a blocked word until a moderator shows it. */
    @Column(nullable = false)
    private boolean held;

    protected CountedBallot() {
        // for JPA
    }

    /** @param held an open-text answer with a blocked word: counted, its words not shown until a moderator shows it */
    CountedBallot(Ballot ballot, Instant now, boolean held) {
        this.held = held;
        this.commitment = ballot.commitment();
        this.breakdownGroups = joined(ballot.groups());
        this.id = ballot.id();
        this.pollId = ballot.pollId().value();
        this.voter = ballot.voter();
        this.choices = String.join(",", ballot.choices());
        this.acceptedAt =
                ballot.isAnonymous() ? ballot.acceptedAt().truncatedTo(ChronoUnit.HOURS) : ballot.acceptedAt();
        this.countedAt = ballot.isAnonymous() ? now.truncatedTo(ChronoUnit.HOURS) : now;
    }

    /** An anonymous ballot's choices half: no voter, and the hour it was counted as its only time. */
    CountedBallot(AnonymousChoices half, Instant hour, boolean held) {
        this.held = held;
        this.commitment = half.commitment();
        this.breakdownGroups = joined(half.groups());
        this.id = half.id();
        this.pollId = half.pollId().value();
        this.choices = String.join(",", half.choices());
        this.acceptedAt = hour;
        this.countedAt = hour;
    }

    private static String joined(List<String> groups) {
        return groups.isEmpty() ? null : String.join(",", groups);
    }

    public List<String> choices() {
        return choices.isEmpty() ? List.of() : Arrays.asList(choices.split(",", -1));
    }

    boolean isHidden() {
        return hidden;
    }

    /** Hidden by a moderator before it was counted again (a changed vote with the same answer). */
    void hide() {
        hidden = true;
    }

    /** Whether its words count in the word cloud: not hidden, not held. */
    public boolean isShown() {
        return !hidden && !held;
    }

    public String id() {
        return id;
    }

    /** The primary key: the poll, then the ballot's own id (fields mirror the {@code @Id} columns, as JPA asks). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String pollId;
        private String id;

        public Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.pollId.equals(pollId) && key.id.equals(id);
        }

        @Override
        public int hashCode() {
            return pollId.hashCode() * 31 + id.hashCode();
        }
    }
}
