package io.intrapoll.identity;

/** What the audit trail records: a closed set, stored by its name ("poll.created"). */
public enum AuditAction {
    POLL_CREATED("poll.created"),
    POLL_CHANGED("poll.changed"),
    POLL_OPENED("poll.opened"),
    POLL_CLOSED("poll.closed"),
    POLL_ARCHIVED("poll.archived"),
    POLL_DELETED("poll.deleted"),
    TALLIES_REBUILT("tallies.rebuilt"),
    LOGIN_FAILED("login.failed"),
    /** A browser signed in on the login page (API clients send credentials with every call: not recorded). */
    LOGIN_SUCCEEDED("login.succeeded"),
    LOGGED_OUT("logout"),
    WEBHOOK_CREATED("webhook.created"),
    WEBHOOK_CHANGED("webhook.changed"),
    WEBHOOK_DELETED("webhook.deleted"),
    /** An admin asked for a delivery again. */
    WEBHOOK_REDELIVERED("webhook.redelivered"),
    /** A moderator hid an open-text answer (the detail names the answer, never its author). */
    RESPONSE_HIDDEN("response.hidden"),
    RESPONSE_SHOWN("response.shown"),
    EVENT_CREATED("event.created"),
    EVENT_CHANGED("event.changed"),
    EVENT_POLL_ADDED("event.poll-added"),
    /** The presenter put a poll (the detail) or the Q&A (no detail) on screen. */
    EVENT_PRESENTED("event.presented"),
    EVENT_ENDED("event.ended"),
    EVENT_DELETED("event.deleted"),
    /** A moderator changed a question (the detail names the action: approved, hidden, answered, pinned, unpinned). */
    QUESTION_MODERATED("question.moderated"),
    /** A closed poll's results certificate was signed (the detail: Merkle root, ballots, key id). */
    POLL_CERTIFIED("poll.certified"),
    /** An admin placed a legal hold on a poll: nothing of it is erased until the hold is lifted. */
    POLL_HELD("poll.legal-hold-placed"),
    POLL_RELEASED("poll.legal-hold-lifted"),
    /** A poll's ballots, participation records and open-text answers were erased under its retention. */
    POLL_ERASED("poll.erased");

    private final String name;

    AuditAction(String name) {
        this.name = name;
    }

    public String label() {
        return name;
    }

    /** The action of a stored name; empty for a name that is none. */
    public static java.util.Optional<AuditAction> of(String name) {
        for (AuditAction action : values()) {
            if (action.name.equals(name)) {
                return java.util.Optional.of(action);
            }
        }
        return java.util.Optional.empty();
    }
}
