package io.intrapoll.poll;

import io.intrapoll.identity.AuditAction;
import io.intrapoll.identity.AuditTrail;
import io.intrapoll.identity.GroupMembers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The schedule's database work, one short transaction per poll so one failure does not hold up the others. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ScheduledTransitions {

    @Inject
    PollRepository polls;

    @Inject
    Event<PollChanged> changes;

    @Inject
    Event<PollOpened> openings;

    @Inject
    GroupMembers groupMembers;

    @Inject
    Event<PollTransition> transitions;

    @Inject
    AuditTrail audit;

    @Inject
    Event<PollErased> erasures;

    /** The actor of what the schedule does, in the audit trail. */
    static final String SCHEDULE = "schedule";

    public List<PollId> dueOpenings(Instant now) {
        return polls.dueOpenings(now);
    }

    public List<PollId> dueClosings(Instant now) {
        return polls.dueClosings(now);
    }

    public boolean fireOpening(PollId id, Instant now) {
        // Counted before the update that opens it exactly once, which fixes it with the opening. Read without loading
        // the poll: an entity loaded now would stay stale after that bulk update (and the transition announce DRAFT).
        Optional<Integer> electorate = polls.audienceIfDraft(id).flatMap(groupMembers::count);
        boolean opened = announced(id, polls.fireOpening(id, now, electorate.orElse(null)), AuditAction.POLL_OPENED);
        if (opened) {
            openings.fire(new PollOpened(id)); // only a DRAFT opens on schedule
        }
        return opened;
    }

    public boolean fireClosing(PollId id, Instant now) {
        return announced(id, polls.fireClosing(id, now), AuditAction.POLL_CLOSED);
    }

    /** @param day how long a day of retention is (a test clock shortens it) */
    public List<PollRepository.DueErasure> dueErasures(Instant now, Duration day) {
        return polls.dueErasures(now, day);
    }

    /** Erases a poll's ballots under its retention, in one transaction with its mark, exactly once in a cluster. */
    public boolean fireErasure(PollRepository.DueErasure due, Instant now) {
        PollId id = due.id();
        if (!polls.fireErasure(due, now)) {
            return false;
        }
        erasures.fire(new PollErased(id)); // in this transaction: the ballots go with the mark, or neither
        audit.record(
                SCHEDULE,
                AuditAction.POLL_ERASED,
                id.value(),
                "ballots, participation records and open-text answers, as its retention asks");
        changes.fire(new PollChanged(id, polls.version(id)));
        return true;
    }

    private boolean announced(PollId id, boolean changed, AuditAction action) {
        if (changed) {
            audit.record(SCHEDULE, action, id.value(), "as scheduled");
            changes.fire(new PollChanged(id, polls.version(id)));
            polls.find(id).ifPresent(poll -> transitions.fire(new PollTransition(PollView.of(poll), poll.status())));
        }
        return changed;
    }
}
