package io.intrapoll.event;

import io.intrapoll.identity.Caller;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An event (the table is live_event: "event" is a word too many things use). It guards its own lifecycle. */
@Entity
@Table(name = "live_event")
public class LiveEvent {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 6)
    private String code;

    /** The code while LIVE, null once ENDED: the unique index keeps live codes apart and frees ended ones. */
    @Column(name = "live_code", length = 6)
    private String liveCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private EventStatus status;

    @Column(name = "active_poll_id", length = 36)
    private String activePollId;

    @Column(name = "qa_enabled", nullable = false)
    private boolean qaEnabled;

    @Column(name = "qa_anonymous", nullable = false)
    private boolean qaAnonymous;

    @Column(name = "qa_moderated", nullable = false)
    private boolean qaModerated;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    @ElementCollection
    @CollectionTable(name = "live_event_audience_group", joinColumns = @JoinColumn(name = "event_id"))
    @Column(name = "group_name", length = 200)
    private Set<String> audienceGroups = new TreeSet<>();

    protected LiveEvent() {
        // for JPA
    }

    static LiveEvent start(String id, String code, EventInput input, String createdBy, Instant now) {
        LiveEvent event = new LiveEvent();
        event.id = id;
        event.code = code;
        event.liveCode = code;
        event.status = EventStatus.LIVE;
        event.createdBy = createdBy;
        event.createdAt = now;
        event.title = input.title();
        event.audienceGroups = new TreeSet<>(input.audienceGroups() == null ? List.of() : input.audienceGroups());
        EventInput.QaInput qa = input.qa() == null ? EventInput.QaInput.DEFAULT : input.qa();
        event.qaEnabled = qa.enabledOr(true);
        event.qaAnonymous = qa.anonymousQuestionsOr(true);
        event.qaModerated = qa.moderatedOr(false);
        return event;
    }

    void change(EventInput input) {
        if (input.has("title")) {
            title = input.title();
        }
        if (input.has("audienceGroups")) {
            audienceGroups = new TreeSet<>(input.audienceGroups() == null ? List.of() : input.audienceGroups());
        }
        if (input.has("qa") && input.qa() != null) {
            qaEnabled = input.qa().enabledOr(qaEnabled);
            qaAnonymous = input.qa().anonymousQuestionsOr(qaAnonymous);
            qaModerated = input.qa().moderatedOr(qaModerated);
        }
    }

    void end() {
        status = EventStatus.ENDED;
        liveCode = null;
    }

    void present(String pollId) {
        activePollId = pollId;
    }

    boolean isVisibleTo(Caller caller) {
        return isVisible(createdBy, audienceGroups, caller);
    }

    /** The event's owner (while still an author) and admins run it and moderate its questions. */
    boolean isManageableBy(Caller caller) {
        return isManageable(createdBy, caller);
    }

    /** Admins, the owner, and the voters of its audience (no groups: every voter) see an event. */
    static boolean isVisible(String createdBy, Collection<String> audienceGroups, Caller caller) {
        return caller.isAdmin()
                || (caller.isVoter()
                        && (createdBy.equals(caller.name())
                                || audienceGroups.isEmpty()
                                || audienceGroups.stream().anyMatch(caller::isInGroup)));
    }

    static boolean isManageable(String createdBy, Caller caller) {
        return caller.isAdmin() || (createdBy.equals(caller.name()) && caller.isAuthor());
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String code() {
        return code;
    }

    public EventStatus status() {
        return status;
    }

    public boolean isLive() {
        return status == EventStatus.LIVE;
    }

    public String activePollId() {
        return activePollId;
    }

    public boolean qaEnabled() {
        return qaEnabled;
    }

    public boolean qaAnonymous() {
        return qaAnonymous;
    }

    public boolean qaModerated() {
        return qaModerated;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }

    public Set<String> audienceGroups() {
        return Collections.unmodifiableSet(audienceGroups);
    }
}
