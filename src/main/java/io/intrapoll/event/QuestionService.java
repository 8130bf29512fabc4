package io.intrapoll.event;

import io.intrapoll.identity.AuditAction;
import io.intrapoll.identity.AuditTrail;
import io.intrapoll.identity.Caller;
import io.intrapoll.identity.RateLimits;
import io.intrapoll.platform.Problem.FieldError;
import io.intrapoll.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/** Audience questions: asking, upvoting, and moderation by the event's owner and admins (API.md, "Events"). */
@ApplicationScoped
public class QuestionService {

    static final int TEXT_MAX = 500;

    /** "top": most upvotes first, then the oldest; "recent": newest first. */
    static final Comparator<Question> TOP = Comparator.comparingInt(Question::upvotes)
            .reversed()
            .thenComparing(Question::createdAt)
            .thenComparing(Question::id);

    static final Comparator<Question> RECENT =
            Comparator.comparing(Question::createdAt).reversed().thenComparing(Question::id);

    @Inject
    EventRepository events;

    @Inject
    EventService eventService;

    @Inject
    RateLimits rateLimits;

    @Inject
    AuditTrail audit;

    @Inject
    Event<EventChanged> changes;

    @Inject
    Event<QuestionAsked> asked;

    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    /** What a moderator may do to a question. */
    public enum Moderation {
        APPROVE("approved"),
        HIDE("hidden"),
        ANSWER("answered"),
        PIN("pinned"),
        UNPIN("unpinned");

        final String done;

        Moderation(String done) {
            this.done = done;
        }
    }

    /**
     * Asks a question in the caller's name, or with none: an anonymous question is stored without its author, and
     * nothing else (no audit entry, no log line, no upvote) links it to the caller; only this answer says "mine".
     */
    @Transactional
    public QuestionView ask(String eventId, QuestionInput input, Caller caller) {
        LiveEvent event = open(eventId, caller);
        boolean anonymous = Boolean.TRUE.equals(input.anonymous());
        String text = input.text() == null ? "" : input.text().strip();
        if (text.isEmpty()) {
            throw invalid("text", "is required: 1 to " + TEXT_MAX + " characters");
        }
        if (text.length() > TEXT_MAX) {
            throw invalid("text", "must be at most " + TEXT_MAX + " characters (it has " + text.length() + ")");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw invalid("text", "must not contain control characters");
        }
        if (anonymous && !event.qaAnonymous()) {
            throw invalid("anonymous", "this event takes questions only with the asker's name");
        }
        OptionalLong wait = rateLimits.spendQuestion(caller.name());
        if (wait.isPresent()) {
            throw ProblemException.tooManyRequests(
                    "You have asked the most questions a minute allows; ask again in a moment.",
                    (int) wait.getAsLong());
        }
        Question question = new Question(
                UUID.randomUUID().toString(),
                eventId,
                text,
                anonymous ? null : caller.name(),
                event.qaModerated() ? QuestionStatus.PENDING : QuestionStatus.VISIBLE,
                clock.instant());
        events.add(question);
        events.flush();
        changes.fire(EventChanged.question(eventId, question.id()));
        asked.fire(QuestionAsked.of(question));
        return QuestionView.of(question, caller.name(), false).asAsked();
    }

    /**
     * The questions the caller may see, sorted: moderators see every one (pending and hidden too); others the
     * visible ones and their own pending ones (named ones only: an anonymous one is nobody's, to the server).
     */
    @Transactional
    public QuestionView.Items list(String eventId, boolean recentFirst, Caller caller) {
        LiveEvent event = eventService.visible(eventId, caller);
        boolean moderator = event.isManageableBy(caller);
        Set<String> upvoted = events.upvotedBy(eventId, caller.name());
        return new QuestionView.Items(events.questions(eventId).stream()
                .filter(question -> moderator || mayRead(question, caller.name()))
                .sorted(recentFirst ? RECENT : TOP)
                .map(question -> QuestionView.of(question, caller.name(), upvoted.contains(question.id())))
                .toList());
    }

    /** One upvote per person, idempotent; only visible questions of a live event take upvotes. */
    @Transactional
    public void upvote(String eventId, String questionId, Caller caller, boolean up) {
        LiveEvent event = open(eventId, caller);
        Question question = events.question(eventId, questionId)
                .filter(found -> found.status() == QuestionStatus.VISIBLE
                        || (event.isManageableBy(caller) && found.status() == QuestionStatus.PENDING))
                .orElseThrow(() -> notFound(questionId));
        boolean changed =
                up ? events.upvote(question.id(), caller.name()) : events.withdrawUpvote(question.id(), caller.name());
        if (changed) {
            changes.fire(EventChanged.question(eventId, questionId));
        }
    }

    @Transactional
    public QuestionView moderate(String eventId, String questionId, Moderation action, Caller caller) {
        LiveEvent event = eventService.visible(eventId, caller);
        if (!event.isManageableBy(caller)) {
            throw ProblemException.forbidden("Only the event's owner or an admin moderates its questions.");
        }
        Question question = events.lockQuestion(eventId, questionId).orElseThrow(() -> notFound(questionId));
        switch (action) {
            case APPROVE -> question.moderate(QuestionStatus.VISIBLE);
            case HIDE -> {
                question.moderate(QuestionStatus.HIDDEN);
                question.pin(false); // a hidden question leaves the screen
            }
            case ANSWER -> question.answer();
            case PIN -> {
                events.lock(eventId); // two pins at once apply one after the other: one question stays pinned
                if (question.status() != QuestionStatus.VISIBLE) {
                    throw ProblemException.conflict(
                            "question-not-visible",
                            "Only a visible question is pinned",
                            "The question is " + question.status() + "; approve it first.");
                }
                events.unpinOthers(eventId, questionId)
                        .forEach(unpinned -> changes.fire(EventChanged.question(eventId, unpinned)));
                question.pin(true);
            }
            case UNPIN -> question.pin(false);
        }
        events.flush();
        // Names the question, never its author.
        audit.record(caller.name(), AuditAction.QUESTION_MODERATED, questionId, action.done);
        changes.fire(EventChanged.question(eventId, questionId));
        return QuestionView.of(
                question,
                caller.name(),
                events.upvotedBy(eventId, caller.name()).contains(questionId));
    }

    /** Questions as stored now, for streams (detached: every field is read). */
    @Transactional
    List<Question> current(java.util.Collection<String> ids) {
        return events.questions(ids);
    }

    /** Whether a caller who does not moderate the event may read the question. */
    static boolean mayRead(Question question, String caller) {
        return question.status() == QuestionStatus.VISIBLE
                || (question.status() == QuestionStatus.PENDING && caller.equals(question.author()));
    }

    /** The event, for a question or an upvote: visible to the caller, with its Q&A on, and live. */
    private LiveEvent open(String eventId, Caller caller) {
        LiveEvent event = eventService.visible(eventId, caller);
        if (!event.qaEnabled()) {
            throw ProblemException.conflict(
                    "qa-disabled", "The event takes no questions", "Questions are switched off for this event.");
        }
        if (!event.isLive()) {
            throw EventService.ended(event);
        }
        return event;
    }

    private static ProblemException notFound(String questionId) {
        return ProblemException.notFound("There is no question " + questionId + " in this event.");
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.unprocessable(
                "The question breaks some rules.", List.of(new FieldError(field, message)));
    }
}
