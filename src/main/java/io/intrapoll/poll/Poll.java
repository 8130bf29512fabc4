package io.intrapoll.poll;

import io.intrapoll.identity.Caller;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A poll: what is asked, who may answer, and where it is in its life. It guards its own lifecycle; the field
 * rules live in {@link PollRules}.
 */
@Entity
@Table(name = "poll")
public class Poll {

    static final int DEFAULT_MAX_LENGTH = 280;

    /** The fields that shape a ballot: they change only in DRAFT. */
    static final List<String> BALLOT_SHAPING_FIELDS = List.of(
            "type",
            "options",
            "maxChoices",
            "anonymous",
            "scale",
            "maxLength",
            "language",
            "timeLimitSeconds",
            "decision",
            "breakdownGroups");

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 2000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PollType type;

    @Column(name = "max_choices")
    private Integer maxChoices;

    @Column(nullable = false)
    private boolean anonymous;

    @Column(name = "allow_vote_change", nullable = false)
    private boolean allowVoteChange;

    @Enumerated(EnumType.STRING)
    @Column(name = "results_visibility", nullable = false, length = 16)
    private ResultsVisibility resultsVisibility;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PollStatus status;

    @Column(name = "opens_at")
    private Instant opensAt;

    @Column(name = "closes_at")
    private Instant closesAt;

    /** Set once the opening time has passed and been acted on, so a schedule acts only once. */
    @Column(name = "open_schedule_fired", nullable = false)
    private boolean openScheduleFired;

    @Column(name = "close_schedule_fired", nullable = false)
    private boolean closeScheduleFired;

    @Column(name = "created_by", nullable = false, length = 100, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    // RATING and NPS: the scale, and optional words for its ends (RATING).
    @Column(name = "scale_min")
    private Integer scaleMin;

    @Column(name = "scale_max")
    private Integer scaleMax;

    @Column(name = "scale_label_min", length = 50)
    private String scaleLabelMin;

    @Column(name = "scale_label_max", length = 50)
    private String scaleLabelMax;

    // OPEN_TEXT: the longest answer, and the language whose stop words the word cloud leaves out.
    @Column(name = "max_length")
    private Integer maxLength;

    @Column(length = 2)
    private String language;

    /** QUIZ: how long after opening a ballot is taken. */
    @Column(name = "time_limit_seconds")
    private Integer timeLimitSeconds;

    /** When the poll last opened: a quiz's clock starts here. */
    @Column(name = "opened_at")
    private Instant openedAt;

    /** When the poll last closed: the results certificate names this close (a reopened poll closes anew). */
    @Column(name = "closed_at")
    private Instant closedAt;

    /** How many people the audience held when the poll first opened (null: unknown, or not opened yet). */
    @Column(name = "eligible")
    private Integer eligible;

    /** Days after the close its ballots are erased; null: kept. */
    @Column(name = "retention_days")
    private Integer retentionDays;

    /** When its breakdown was first shown and kept (set by the tally's breakdowns only): it does not reopen after. */
    @Column(name = "breakdown_kept_at", insertable = false, updatable = false)
    private Instant breakdownKeptAt;

    /** An admin's legal hold: no erasure while it holds. */
    @Column(name = "legal_hold", nullable = false)
    private boolean legalHold;

    /** When its ballots, participation records and open-text answers were erased; null: not erased. */
    @Column(name = "erased_at")
    private Instant erasedAt;

    // SINGLE: the decision rule (both null: none).
    @Column(name = "quorum_percent")
    private Integer quorumPercent;

    @Column(name = "majority_percent")
    private Integer majorityPercent;

    @ElementCollection
    @CollectionTable(name = "poll_option", joinColumns = @JoinColumn(name = "poll_id"))
    @OrderColumn(name = "position")
    private List<PollOption> options = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "poll_audience_group", joinColumns = @JoinColumn(name = "poll_id"))
    @Column(name = "group_name", length = 200)
    private Set<String> audienceGroups = new TreeSet<>();

    /** The registry groups its results break down by (API.md, "Breakdowns"); fixed once it opens. */
    @ElementCollection
    @CollectionTable(name = "poll_breakdown_group", joinColumns = @JoinColumn(name = "poll_id"))
    @Column(name = "group_name", length = 200)
    private Set<String> breakdownGroups = new TreeSet<>();

    protected Poll() {
        // for JPA
    }

    /** A new DRAFT poll from a create request; {@link PollRules} checks it before it is stored. */
    static Poll draft(PollId id, PollInput input, String createdBy, Instant now) {
        Poll poll = new Poll();
        poll.id = id.value();
        poll.status = PollStatus.DRAFT;
        poll.createdBy = createdBy;
        poll.createdAt = now;
        poll.title = input.title();
        poll.description = input.description() == null ? "" : input.description();
        poll.type = input.type();
        poll.options = new ArrayList<>(
                input.options() == null
                        ? List.of()
                        : input.options().stream()
                                .map(option -> PollOption.withNewId(option.label(), option.correct()))
                                .toList());
        poll.maxChoices = input.maxChoices();
        poll.setScale(input.scale());
        poll.setScaleLabels(input.scaleLabels());
        poll.maxLength = input.maxLength();
        poll.language = input.language();
        poll.timeLimitSeconds = input.timeLimitSeconds();
        poll.applyTypeDefaults();
        poll.anonymous = Boolean.TRUE.equals(input.anonymous());
        poll.allowVoteChange = Boolean.TRUE.equals(input.allowVoteChange());
        poll.resultsVisibility = input.resultsVisibility() == null ? ResultsVisibility.LIVE : input.resultsVisibility();
        poll.audienceGroups = new TreeSet<>(input.audienceGroups() == null ? List.of() : input.audienceGroups());
        poll.breakdownGroups = new TreeSet<>(input.breakdownGroups() == null ? List.of() : input.breakdownGroups());
        poll.opensAt = input.opensAt();
        poll.closesAt = input.closesAt();
        poll.setDecision(input.decision());
        poll.retentionDays = input.retentionDays();
        return poll;
    }

    /**
     * Applies the fields present in a change request. What shapes a ballot (type, options, maxChoices,
     * anonymity) changes only in DRAFT.
     *
     * @throws PollStateException when such a field is sent after the poll was opened
     */
    void change(PollInput input) {
        boolean shapesBallots = BALLOT_SHAPING_FIELDS.stream().anyMatch(input::has);
        if (shapesBallots && status != PollStatus.DRAFT) {
            throw new PollStateException(
                    "poll-not-draft",
                    "Poll is not a draft",
                    String.join(", ", BALLOT_SHAPING_FIELDS) + " can change only while the poll is a DRAFT; it is "
                            + status + ".");
        }
        if (input.has("type") && input.type() != type) {
            forgetFieldsOfType(input);
        }
        if (input.has("title")) {
            title = input.title();
        }
        if (input.has("description")) {
            description = input.description() == null ? "" : input.description();
        }
        if (input.has("type")) {
            type = input.type();
        }
        if (input.has("options")) {
            options = new ArrayList<>(
                    input.options() == null
                            ? List.of()
                            : input.options().stream().map(this::keepOrCreate).toList());
        }
        if (input.has("maxChoices")) {
            maxChoices = input.maxChoices();
        }
        if (input.has("scale")) {
            setScale(input.scale());
        }
        if (input.has("scaleLabels")) {
            setScaleLabels(input.scaleLabels());
        }
        if (input.has("maxLength")) {
            maxLength = input.maxLength();
        }
        if (input.has("language")) {
            language = input.language();
        }
        if (input.has("timeLimitSeconds")) {
            timeLimitSeconds = input.timeLimitSeconds();
        }
        if (input.has("decision")) {
            setDecision(input.decision());
        }
        if (input.has("retentionDays")) {
            retentionDays = input.retentionDays();
        }
        if (input.has("anonymous")) {
            anonymous = Boolean.TRUE.equals(input.anonymous());
        }
        if (input.has("allowVoteChange")) {
            allowVoteChange = Boolean.TRUE.equals(input.allowVoteChange());
        }
        if (input.has("resultsVisibility")) {
            resultsVisibility = input.resultsVisibility();
        }
        if (input.has("audienceGroups")) {
            audienceGroups = new TreeSet<>(input.audienceGroups() == null ? List.of() : input.audienceGroups());
        }
        if (input.has("breakdownGroups")) {
            breakdownGroups = new TreeSet<>(input.breakdownGroups() == null ? List.of() : input.breakdownGroups());
        }
        if (input.has("opensAt") && !java.util.Objects.equals(opensAt, input.opensAt())) {
            opensAt = input.opensAt();
            openScheduleFired = false;
        }
        if (input.has("closesAt") && !java.util.Objects.equals(closesAt, input.closesAt())) {
            closesAt = input.closesAt();
            closeScheduleFired = false;
        }
        applyTypeDefaults();
    }

    /** A change of type drops what only the old type took, unless the same request sends it (then PollRules judges). */
    private void forgetFieldsOfType(PollInput input) {
        if (!input.has("decision")) {
            setDecision(null);
        }
        if (!input.has("maxChoices")) {
            maxChoices = null;
        }
        if (!input.has("scale")) {
            scaleMin = null;
            scaleMax = null;
        }
        if (!input.has("scaleLabels")) {
            scaleLabelMin = null;
            scaleLabelMax = null;
        }
        if (!input.has("maxLength")) {
            maxLength = null;
        }
        if (!input.has("language")) {
            language = null;
        }
        if (!input.has("timeLimitSeconds")) {
            timeLimitSeconds = null;
        }
        if (!input.has("options") && input.type() != null && !input.type().hasOptions()) {
            options = new ArrayList<>();
        }
        if (!input.has("options") && input.type() != PollType.QUIZ) {
            options = new ArrayList<>(options.stream()
                    .map(option -> new PollOption(option.id(), option.label(), null))
                    .toList());
        }
    }

    /** What a type takes and was not sent gets its default (API.md, "More question types"). */
    private void applyTypeDefaults() {
        if (type == PollType.RATING && scaleMin == null && scaleMax == null) {
            scaleMin = 1;
            scaleMax = 5;
        }
        if (type == PollType.NPS) {
            scaleMin = scaleMin == null ? 0 : scaleMin;
            scaleMax = scaleMax == null ? 10 : scaleMax;
        }
        if (type == PollType.OPEN_TEXT) {
            maxLength = maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
            language = language == null ? "en" : language;
        }
        if (type == PollType.QUIZ && maxChoices == null) {
            maxChoices = 1;
        }
    }

    private void setScale(PollInput.ScaleInput scale) {
        scaleMin = scale == null ? null : scale.min();
        scaleMax = scale == null ? null : scale.max();
    }

    private void setScaleLabels(PollInput.ScaleLabels labels) {
        scaleLabelMin = labels == null ? null : labels.min();
        scaleLabelMax = labels == null ? null : labels.max();
    }

    /** An option sent with the id of an existing one keeps that id; an unknown id stays for PollRules to refuse. */
    private PollOption keepOrCreate(PollInput.OptionInput input) {
        if (input.id() == null) {
            return PollOption.withNewId(input.label(), input.correct());
        }
        return new PollOption(input.id(), input.label(), input.correct());
    }

    /** DRAFT or CLOSED to OPEN. Opening by hand also settles a pending opening time. */
    void open() {
        requireStatus("open", PollStatus.DRAFT, PollStatus.CLOSED);
        if (erasedAt != null) {
            throw new PollStateException(
                    "erased",
                    "Its ballots are erased",
                    "This poll's ballots were erased under its retention; it does not reopen. Duplicate it to ask again.");
        }
        if (breakdownKeptAt != null && status == PollStatus.CLOSED) {
            throw new PollStateException(
                    "breakdown-shown",
                    "Its results by group were shown",
                    "A second close would show, group by group, how those who voted in between voted; duplicate the"
                            + " poll to ask again.");
        }
        if (type == PollType.QUIZ && status == PollStatus.CLOSED) {
            throw new PollStateException(
                    "quiz-closed",
                    "A quiz does not reopen",
                    "Its answers were shown when it closed; duplicate it to ask again.");
        }
        status = PollStatus.OPEN;
        openScheduleFired = true;
        openedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** An open quiz put on screen in its event: its time limit counts from now (API.md, "Quiz scoring"). */
    boolean restartQuizClock() {
        if (type != PollType.QUIZ || status != PollStatus.OPEN) {
            return false;
        }
        openedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return true;
    }

    /** The electorate, fixed at the first opening: a reopened poll keeps the count it opened with. */
    void fixElectorate(int people) {
        if (eligible == null) {
            eligible = people;
        }
    }

    /** A decision without a quorum needs none (0); without a majority, more than half decides. */
    private void setDecision(PollInput.Decision decision) {
        quorumPercent = decision == null ? null : decision.quorumPercent() == null ? 0 : decision.quorumPercent();
        majorityPercent =
                decision == null ? null : decision.majorityPercent() == null ? 50 : decision.majorityPercent();
    }

    /** OPEN to CLOSED. Closing by hand also settles a pending closing time. */
    void close() {
        requireStatus("close", PollStatus.OPEN);
        status = PollStatus.CLOSED;
        closeScheduleFired = true;
        closedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** CLOSED to ARCHIVED. */
    void archive() {
        requireStatus("archive", PollStatus.CLOSED);
        status = PollStatus.ARCHIVED;
    }

    private void requireStatus(String action, PollStatus... allowed) {
        for (PollStatus from : allowed) {
            if (status == from) {
                return;
            }
        }
        throw new PollStateException(
                "invalid-transition", "Transition not allowed", "A poll that is " + status + " cannot " + action + ".");
    }

    public boolean isOwnedBy(Caller caller) {
        return PollSnapshot.of(this).isOwnedBy(caller);
    }

    /** The rules live in {@link PollSnapshot}, which the vote path checks without loading the entity. */
    public boolean isVisibleTo(Caller caller) {
        return PollSnapshot.of(this).isVisibleTo(caller);
    }

    public boolean isInAudience(Caller caller) {
        return PollSnapshot.of(this).isInAudience(caller);
    }

    public boolean isManageableBy(Caller caller) {
        return PollSnapshot.of(this).isManageableBy(caller);
    }

    public PollId id() {
        return new PollId(id);
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public PollType type() {
        return type;
    }

    public Integer maxChoices() {
        return maxChoices;
    }

    public boolean anonymous() {
        return anonymous;
    }

    public boolean allowVoteChange() {
        return allowVoteChange;
    }

    public ResultsVisibility resultsVisibility() {
        return resultsVisibility;
    }

    public PollStatus status() {
        return status;
    }

    public Instant opensAt() {
        return opensAt;
    }

    public Instant closesAt() {
        return closesAt;
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

    public Integer scaleMin() {
        return scaleMin;
    }

    public Integer scaleMax() {
        return scaleMax;
    }

    public String scaleLabelMin() {
        return scaleLabelMin;
    }

    public String scaleLabelMax() {
        return scaleLabelMax;
    }

    public Integer maxLength() {
        return maxLength;
    }

    public String language() {
        return language;
    }

    public Integer timeLimitSeconds() {
        return timeLimitSeconds;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Integer retentionDays() {
        return retentionDays;
    }

    public boolean legalHold() {
        return legalHold;
    }

    public Instant erasedAt() {
        return erasedAt;
    }

    public Instant breakdownKeptAt() {
        return breakdownKeptAt;
    }

    /** Places or lifts an admin's legal hold; false if it was so already. */
    boolean hold(boolean held) {
        if (legalHold == held) {
            return false;
        }
        legalHold = held;
        return true;
    }

    /** When it last closed; null while it never has. */
    public Instant closedAt() {
        return closedAt;
    }

    public List<PollOption> options() {
        return Collections.unmodifiableList(options);
    }

    public Integer eligible() {
        return eligible;
    }

    /** The decision rule, or null. */
    public PollInput.Decision decision() {
        return quorumPercent == null ? null : new PollInput.Decision(quorumPercent, majorityPercent);
    }

    public Set<String> audienceGroups() {
        return Collections.unmodifiableSet(audienceGroups);
    }

    public Set<String> breakdownGroups() {
        return Collections.unmodifiableSet(breakdownGroups);
    }
}
