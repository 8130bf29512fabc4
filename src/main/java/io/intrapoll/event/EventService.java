package io.intrapoll.event;

import io.intrapoll.identity.AuditAction;
import io.intrapoll.identity.AuditTrail;
import io.intrapoll.identity.Caller;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollCreatedInEvent;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What callers may do with events (API.md, "Events"), and the rules that decide it. */
@ApplicationScoped
public class EventService {

    static final int TITLE_MAX = 200;
    static final int GROUP_MAX = 200;

    /** Codes drawn before giving up: with 887 million codes, a second draw is already rare. */
    private static final int CODE_ATTEMPTS = 20;

    @Inject
    EventRepository events;

    @Inject
    PollService polls;

    @Inject
    AuditTrail audit;

    @Inject
    Event<EventChanged> changes;

    /** Millisecond precision: what the database keeps and the API shows are the same instant. */
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    @Transactional
    public EventView create(EventInput input, Caller caller) {
        if (!caller.isAuthor()) {
            throw ProblemException.forbidden("Only authors and admins create events.");
        }
        rejectIfAny(check(input, true));
        LiveEvent event =
                LiveEvent.start(UUID.randomUUID().toString(), freeCode(), input, caller.name(), clock.instant());
        events.add(event);
        audit.record(caller.name(), AuditAction.EVENT_CREATED, event.id(), event.title());
        events.flush();
        return view(event);
    }

    @Transactional
    public EventView get(String id, Caller caller) {
        return view(visible(id, caller));
    }

    @Transactional
    public EventView.Page list(Optional<EventStatus> status, int page, int size, Caller caller) {
        if (!caller.isVoter()) {
            return new EventView.Page(List.of(), page, size, 0);
        }
        List<EventView> items =
                events.page(caller, status, page, size).stream().map(this::view).toList();
        return new EventView.Page(items, page, size, events.count(caller, status));
    }

    /** The live event of a join code, for anyone in its audience; 404 for a code no live event has. */
    @Transactional
    public EventView join(String code, Caller caller) {
        LiveEvent event = JoinCodes.normalized(code)
                .flatMap(events::findLive)
                .orElseThrow(() -> ProblemException.notFound(
                        "No event is running with the code " + code + ". Check the code on the screen."));
        if (!event.isVisibleTo(caller)) {
            throw ProblemException.forbidden("This event is not open to you.");
        }
        return view(event);
    }

    @Transactional
    public EventView change(String id, EventInput input, Optional<Long> expectedVersion, Caller caller) {
        LiveEvent event = manageable(id, caller, expectedVersion);
        rejectIfAny(check(input, false));
        event.change(input);
        audit.record(
                caller.name(),
                AuditAction.EVENT_CHANGED,
                id,
                String.join(",", new java.util.TreeSet<>(input.present())));
        return stored(event);
    }

    @Transactional
    public EventView end(String id, Caller caller) {
        LiveEvent event = manageable(id, caller, Optional.empty());
        if (!event.isLive()) {
            throw ended(event);
        }
        event.end();
        audit.record(caller.name(), AuditAction.EVENT_ENDED, id, null);
        return stored(event);
    }

    /** The event goes; its polls stay (they are polls of their own), its questions go with it. */
    @Transactional
    public void delete(String id, Optional<Long> expectedVersion, Caller caller) {
        LiveEvent event = manageable(id, caller, expectedVersion);
        events.remove(event);
        audit.record(caller.name(), AuditAction.EVENT_DELETED, id, event.title());
        changes.fire(EventChanged.event(id));
    }

    /** Adds a poll the caller may manage; a poll belongs to one event at most. */
    @Transactional
    public EventView addPoll(String id, String pollId, Caller caller) {
        LiveEvent event = manageable(id, caller, Optional.empty());
        if (!event.isLive()) {
            throw ended(event);
        }
        link(event, pollFor(pollId, caller, "pollId"), caller);
        return stored(event);
    }

    /** {@code POST /polls} with an eventId: the new poll joins the event in the same transaction. */
    void pollCreated(@Observes PollCreatedInEvent created) {
        LiveEvent event = events.lock(created.eventId())
                .filter(found -> found.isVisibleTo(created.caller()))
                .orElseThrow(() -> ProblemException.unprocessable(
                        "The poll breaks some rules.",
                        List.of(new FieldError("eventId", "names no event you may see"))));
        if (!event.isManageableBy(created.caller())) {
            throw ProblemException.forbidden("Only the event's owner or an admin may add polls to it.");
        }
        if (!event.isLive()) {
            throw ended(event);
        }
        link(event, created.pollId(), created.caller());
        events.flush();
        changes.fire(EventChanged.event(event.id()));
    }

    private void link(LiveEvent event, PollId pollId, Caller caller) {
        if (events.eventOf(pollId.value()).filter(event.id()::equals).isPresent()) {
            return; // added already: the same answer again
        }
        String owner = events.addPoll(event.id(), pollId.value(), clock.instant());
        if (!owner.equals(event.id())) {
            throw ProblemException.conflict(
                    "poll-in-another-event",
                    "The poll belongs to another event",
                    "A poll belongs to one event at most; this one is in event " + owner + ".");
        }
        events.nextVersion(event); // its list of polls is part of it: ETags and caches go by version
        audit.record(caller.name(), AuditAction.EVENT_POLL_ADDED, event.id(), pollId.value());
    }

    /**
     * Puts a poll of the event on screen (opening it if it is a DRAFT), or the Q&A with null. The event is locked,
     * so two presenters' clicks apply one after the other.
     */
    @Transactional
    public EventView present(String id, String pollId, Caller caller) {
        LiveEvent event = events.lock(id).orElseThrow(() -> notFound(id));
        if (!event.isVisibleTo(caller)) {
            throw ProblemException.forbidden("This event is not open to you.");
        }
        if (!event.isManageableBy(caller)) {
            throw ProblemException.forbidden("Only the event's owner or an admin may present.");
        }
        if (!event.isLive()) {
            throw ended(event);
        }
        if (pollId == null) {
            event.present(null);
        } else {
            PollId poll = PollId.parse(pollId)
                    .filter(parsed -> events.pollIds(id).contains(parsed.value()))
                    .orElseThrow(() -> ProblemException.unprocessable(
                            "Only a poll of the event can be presented.",
                            List.of(new FieldError("pollId", "is not a poll of this event; add it first"))));
            polls.presented(poll, caller);
            event.present(poll.value());
        }
        audit.record(caller.name(), AuditAction.EVENT_PRESENTED, id, pollId);
        return stored(event);
    }

    /** The event as stored, for streams: empty once deleted. */
    @Transactional
    Optional<EventView> current(String id) {
        return events.find(id).map(this::view);
    }

    /** The event for a caller who may see it (404, 403 otherwise). */
    LiveEvent visible(String id, Caller caller) {
        LiveEvent event = events.find(id).orElseThrow(() -> notFound(id));
        if (!event.isVisibleTo(caller)) {
            throw ProblemException.forbidden("This event is not open to you.");
        }
        return event;
    }

    private LiveEvent manageable(String id, Caller caller, Optional<Long> expectedVersion) {
        LiveEvent event = visible(id, caller);
        if (!event.isManageableBy(caller)) {
            throw ProblemException.forbidden("Only the event's owner or an admin may change it.");
        }
        if (expectedVersion.isPresent() && expectedVersion.get() != event.version()) {
            throw ProblemException.preconditionFailed("The event changed since you read it (version " + event.version()
                    + " now); read it again and retry.");
        }
        return event;
    }

    private PollId pollFor(String pollId, Caller caller, String field) {
        PollId id = PollId.parse(pollId == null ? "" : pollId)
                .orElseThrow(() -> ProblemException.unprocessable(
                        "The request names no poll.", List.of(new FieldError(field, "must be a poll's id"))));
        PollCache.Cached poll = polls.get(id, caller); // 404, 403
        if (!poll.rules().isManageableBy(caller)) {
            throw ProblemException.forbidden("Only the poll's owner or an admin may add it to an event.");
        }
        return id;
    }

    EventView view(LiveEvent event) {
        return EventView.of(event, events.pollIds(event.id()));
    }

    private EventView stored(LiveEvent event) {
        events.flush(); // the new version, for the answer and its ETag
        changes.fire(EventChanged.event(event.id()));
        return view(event);
    }

    private String freeCode() {
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            String code = JoinCodes.next();
            // The unique index on live codes is the last word; two events drawing the same free code in the same
            // instant is the rare case it refuses.
            if (!events.codeInUse(code)) {
                return code;
            }
        }
        throw ProblemException.unavailable("No free join code was found; try again.", 1);
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("There is no event " + id + ".");
    }

    static ProblemException ended(LiveEvent event) {
        return ProblemException.conflict(
                "event-ended", "The event has ended", "Event " + event.id() + " has ended; it takes no more changes.");
    }

    private static List<FieldError> check(EventInput input, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (creating || input.has("title")) {
            String title = input.title();
            if (title == null || title.isBlank()) {
                errors.add(new FieldError("title", "is required"));
            } else if (title.length() > TITLE_MAX) {
                errors.add(new FieldError("title", "must be at most " + TITLE_MAX + " characters"));
            }
        }
        if ((creating || input.has("title")) && hasControlCharacters(input.title())) {
            errors.add(new FieldError("title", "must not contain control characters"));
        }
        if (input.audienceGroups() != null) {
            for (int i = 0; i < input.audienceGroups().size(); i++) {
                String group = input.audienceGroups().get(i);
                if (group == null || group.isBlank() || group.length() > GROUP_MAX || hasControlCharacters(group)) {
                    errors.add(new FieldError(
                            "audienceGroups[" + i + "]",
                            "must be 1 to " + GROUP_MAX + " characters, none of them control characters"));
                }
            }
        }
        return errors;
    }

    private static boolean hasControlCharacters(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }

    private static void rejectIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The event breaks some rules.", errors);
        }
    }
}
