package io.intrapoll.poll;

import io.intrapoll.identity.AuditAction;
import io.intrapoll.identity.AuditTrail;
import io.intrapoll.identity.Caller;
import io.intrapoll.identity.GroupMembers;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What callers may do with polls, and the rules that decide it. Every method that reads or writes the database runs
 * in a transaction; the read of one poll comes from the poll cache and runs without one (not even SUPPORTS: the
 * interceptor alone cost a tenth of a GET's time).
 */
@ApplicationScoped
public class PollService {

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
    Event<PollCreatedInEvent> addedToEvent;

    @Inject
    AuditTrail audit;

    @Inject
    PollCache cache;

    /** Millisecond precision: what the database keeps and the API shows are the same instant. */
    Clock clock = Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1));

    @Transactional
    public PollView create(PollInput input, Caller caller) {
        if (!caller.isAuthor()) {
            throw ProblemException.forbidden("Only authors and admins create polls.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.options() != null && input.options().stream().anyMatch(option -> option.id() != null)) {
            errors.add(new FieldError("options", "a new poll's options carry no id; send only labels"));
        }
        Instant now = clock.instant();
        Poll poll = Poll.draft(PollId.newId(), input, caller.name(), now);
        errors.addAll(PollRules.check(poll, true, now));
        rejectIfAny(errors);
        if (Boolean.TRUE.equals(input.open())) {
            poll.open();
            fixElectorate(poll);
        }
        polls.add(poll);
        audit.record(caller.name(), AuditAction.POLL_CREATED, poll.id().value(), poll.title());
        if (input.eventId() != null) {
            polls.flush(); // the event's row refers to it
            addedToEvent.fire(new PollCreatedInEvent(poll.id(), input.eventId(), caller));
        }
        if (poll.status() == PollStatus.OPEN) {
            audit.record(caller.name(), AuditAction.POLL_OPENED, poll.id().value(), "at creation");
            openings.fire(new PollOpened(poll.id()));
            polls.flush();
            transitions.fire(new PollTransition(PollView.of(poll), PollStatus.OPEN));
        }
        return PollView.of(poll);
    }

    /** Read from the poll cache: no transaction, no database. */
    public PollCache.Cached get(PollId id, Caller caller) {
        PollCache.Cached poll =
                cache.read(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (!poll.rules().isVisibleTo(caller)) {
            throw ProblemException.forbidden("This poll is not open to you.");
        }
        return poll;
    }

    @Transactional
    public PollPage list(PollQuery query, Caller caller) {
        if (!caller.isVoter()) { // no role in Intrapoll: no poll to see
            return new PollPage(List.of(), query.page(), query.size(), 0);
        }
        Set<String> groups = caller.isAdmin() ? Set.of() : caller.groupsAmong(polls.audienceGroupsInUse());
        return polls.page(query, caller, groups);
    }

    /**
     * @param expectedVersion the version the client last saw (If-Match), or empty to skip the check
     */
    @Transactional
    public PollView change(PollId id, PollInput input, Optional<Long> expectedVersion, Caller caller) {
        Poll poll = manageable(id, caller, expectedVersion);
        if (input.has("open")) {
            rejectIfAny(List.of(new FieldError("open", "applies only when creating; use POST .../open")));
        }
        if (input.has("eventId")) {
            rejectIfAny(List.of(new FieldError("eventId", "applies only when creating; use POST /events/{id}/polls")));
        }
        rejectIfAny(PollRules.checkOptionIds(
                input.options(), poll.options().stream().map(PollOption::id).collect(Collectors.toSet())));
        inState(() -> poll.change(input));
        polls.nextVersion(poll);
        rejectIfAny(PollRules.check(poll, input.has("opensAt") || input.has("closesAt"), clock.instant()));
        audit.record(
                caller.name(),
                AuditAction.POLL_CHANGED,
                id.value(),
                String.join(",", new java.util.TreeSet<>(input.present())));
        return stored(poll);
    }

    @Transactional
    public PollView open(PollId id, Optional<Long> expectedVersion, Caller caller) {
        Poll poll = manageable(id, caller, expectedVersion);
        // Read again under the row's lock: a breakdown kept meanwhile (which locks the row too) forbids the reopening.
        polls.refreshLocked(poll);
        boolean firstOpening = poll.status() == PollStatus.DRAFT;
        inState(poll::open);
        audit.record(caller.name(), AuditAction.POLL_OPENED, id.value(), null);
        if (firstOpening) {
            fixElectorate(poll);
            openings.fire(new PollOpened(id));
        }
        return transitioned(poll);
    }

    /**
     * The presenter put the poll on screen in its event: a DRAFT opens, and an open quiz's time limit counts from
     * now. The caller manages the poll (events add only polls their owner may manage).
     */
    @Transactional
    public void presented(PollId id, Caller caller) {
        Poll poll = manageable(id, caller, Optional.empty());
        if (poll.status() == PollStatus.DRAFT) {
            open(id, Optional.empty(), caller);
        } else if (poll.restartQuizClock()) {
            stored(poll);
        }
    }

    @Transactional
    public PollView close(PollId id, Optional<Long> expectedVersion, Caller caller) {
        Poll poll = manageable(id, caller, expectedVersion);
        inState(poll::close);
        audit.record(caller.name(), AuditAction.POLL_CLOSED, id.value(), null);
        return transitioned(poll);
    }

    @Transactional
    public PollView archive(PollId id, Optional<Long> expectedVersion, Caller caller) {
        Poll poll = manageable(id, caller, expectedVersion);
        inState(poll::archive);
        audit.record(caller.name(), AuditAction.POLL_ARCHIVED, id.value(), null);
        return stored(poll);
    }

    /**
     * An admin places (or lifts) a legal hold: while it holds, the poll's ballots are not erased, whatever its
     * retention, and the poll is not deleted.
     */
    @Transactional
    public PollView hold(PollId id, boolean held, Caller caller) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only admins place or lift a legal hold.");
        }
        Poll poll = polls.find(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (held && poll.erasedAt() != null) {
            throw ProblemException.conflict(
                    "erased",
                    "Its ballots are erased",
                    "This poll's ballots were erased on " + poll.erasedAt() + "; there is nothing left to hold.");
        }
        if (poll.hold(held)) {
            polls.nextVersion(poll);
            audit.record(caller.name(), held ? AuditAction.POLL_HELD : AuditAction.POLL_RELEASED, id.value(), null);
        }
        return stored(poll);
    }

    /** Admins delete any poll not under a legal hold; owners only their drafts. */
    @Transactional
    public void delete(PollId id, Optional<Long> expectedVersion, Caller caller) {
        Poll poll = manageable(id, caller, expectedVersion);
        if (poll.legalHold()) {
            throw ProblemException.conflict(
                    "legal-hold",
                    "Under a legal hold",
                    "This poll is under a legal hold: it cannot be deleted until an admin lifts the hold.");
        }
        if (!caller.isAdmin() && poll.status() != PollStatus.DRAFT) {
            throw ProblemException.conflict(
                    "poll-not-draft",
                    "Poll is not a draft",
                    "Owners can delete only DRAFT polls; this one is " + poll.status() + ". Ask an admin.");
        }
        polls.remove(poll);
        audit.record(caller.name(), AuditAction.POLL_DELETED, id.value(), poll.title());
        changes.fire(PollChanged.deleted(poll.id()));
    }

    /** Its audience's size now, the turnout's denominator from here on (unknown when the registry cannot say). */
    private void fixElectorate(Poll poll) {
        groupMembers.count(poll.audienceGroups()).ifPresent(poll::fixElectorate);
    }

    /** The poll as stored after it opened or closed, announced to whoever follows its lifecycle. */
    private PollView transitioned(Poll poll) {
        PollView view = stored(poll);
        transitions.fire(new PollTransition(view, poll.status()));
        return view;
    }

    /** The poll as stored: flushing first gives the view the new version, which the ETag carries. */
    private PollView stored(Poll poll) {
        polls.flush();
        changes.fire(new PollChanged(poll.id(), poll.version()));
        return PollView.of(poll);
    }

    private Poll visible(PollId id, Caller caller) {
        Poll poll = polls.find(id).orElseThrow(() -> ProblemException.notFound("There is no poll " + id + "."));
        if (!poll.isVisibleTo(caller)) {
            throw ProblemException.forbidden("This poll is not open to you.");
        }
        return poll;
    }

    private Poll manageable(PollId id, Caller caller, Optional<Long> expectedVersion) {
        Poll poll = visible(id, caller);
        if (!poll.isManageableBy(caller)) {
            throw ProblemException.forbidden("Only the poll's owner or an admin may change it.");
        }
        if (expectedVersion.isPresent() && expectedVersion.get() != poll.version()) {
            throw ProblemException.preconditionFailed("The poll changed since you read it (version " + poll.version()
                    + " now); read it again and retry.");
        }
        return poll;
    }

    private static void inState(Runnable change) {
        try {
            change.run();
        } catch (PollStateException e) {
            throw ProblemException.conflict(e.slug(), e.title(), e.getMessage());
        }
    }

    private static void rejectIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The poll breaks some rules.", errors);
        }
    }
}
