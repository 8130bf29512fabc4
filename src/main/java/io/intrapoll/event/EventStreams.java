package io.intrapoll.event;

import io.intrapoll.identity.Authentication;
import io.intrapoll.identity.Caller;
import io.intrapoll.identity.SessionEnded;
import io.intrapoll.platform.Caches;
import io.intrapoll.platform.Coalescer;
import io.intrapoll.platform.StreamsPerPerson;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import io.intrapoll.tally.Results;
import io.intrapoll.tally.ResultsChanged;
import io.intrapoll.tally.ResultsService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

/**
 * The event streams of this node's clients. A committed change of an event or of one of its questions is written to
 * the replicated signals cache; its listener on every node marks the event changed, and at most once per interval
 * each changed event is read once and what changed is offered to each subscriber as that subscriber may see it:
 * {@code active-poll} when the presenter moved on, {@code question} per changed question (a question a voter may no
 * longer see comes as HIDDEN without its text), and {@code results} of the active poll when the tally topic says
 * they changed. A subscriber keeps the latest event per subject not yet written (a slow phone skips upvote counts
 * in between, never a question) and is written to on its own task, like the results streams.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class.getName());

    @Inject
    EventService events;

    @Inject
    QuestionService questions;

    @Inject
    ResultsService results;

    @Inject
    Caches caches;

    @Inject
    @ConfigProperty(name = "intrapoll.results.stream.interval-ms")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "intrapoll.results.stream.heartbeat-seconds")
    long heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "intrapoll.results.stream.per-person")
    int perPerson;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The application's context, for work the cache listener (an Infinispan thread) sets off. */
    @Resource
    ContextService contextService;

    @Resource(lookup = "concurrent/resultsStreamWriters")
    ManagedExecutorService writers;

    private final Map<String, Set<Subscriber>> subscribersByEvent = new ConcurrentHashMap<>();
    /** The active poll of each event followed here ("" for the Q&A), as last published. */
    private final Map<String, String> activePolls = new ConcurrentHashMap<>();

    private final Map<String, Set<String>> changedQuestions = new ConcurrentHashMap<>();
    private final Set<String> changedEvents = ConcurrentHashMap.newKeySet();
    private final Set<String> changedResults = ConcurrentHashMap.newKeySet();
    private final Set<String> rechecks = ConcurrentHashMap.newKeySet();
    private StreamsPerPerson streamsPerPerson;
    private final Jsonb json = JsonbBuilder.create();
    private final Signals signals = new Signals();
    private Coalescer publishing;
    private ScheduledFuture<?> heartbeats;

    /**
     * The first thing a stream says: the event, its questions and the active poll's results, as the caller may. A
     * later {@code event} (the event changed otherwise than by the presenter's move) carries the event alone.
     */
    public record State(EventView event, List<QuestionView> questions, Results results) {}

    /** The presenter's choice: a poll (with its results where the caller may read them) or the Q&A (null). */
    public record ActivePoll(@JsonbNillable String activePollId, Results results) {}

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the @PostConstruct below does the work
    }

    @PostConstruct
    void schedule() {
        streamsPerPerson = new StreamsPerPerson(perPerson, "event streams");
        // Requested from Infinispan's threads too, which carry none of the application's context: the work does.
        Runnable publish = contextService.createContextualProxy((Runnable) this::publishChanged, Runnable.class);
        publishing = new Coalescer(scheduler, intervalMillis, TimeUnit.MILLISECONDS, publish);
        heartbeats = scheduler.scheduleWithFixedDelay(this::heartbeat, 1, 1, TimeUnit.SECONDS);
        caches.eventSignals().addListener(signals);
    }

    /** Sends the event's state at once, then its changes, until the client goes away or the event is deleted. */
    void subscribe(String eventId, Authentication authentication, SseEventSink sink, Sse sse) {
        Caller caller = authentication.caller();
        streamsPerPerson.admit(caller.name());
        Subscriber subscriber = new Subscriber(eventId, authentication, sink, sse);
        try {
            EventView event = events.get(eventId, caller);
            State state = new State(
                    event,
                    event.qa().enabled()
                            ? questions.list(eventId, false, caller).items()
                            : List.of(),
                    resultsFor(event.activePollId(), caller).orElse(null));
            subscriber.offer("event", event(sse, "event", state)); // the state first, whatever follows
            activePolls.putIfAbsent(eventId, nullToEmpty(event.activePollId()));
        } catch (RuntimeException e) {
            subscriber.close();
            throw e;
        }
        subscribersByEvent.compute(eventId, (id, subscribers) -> {
            Set<Subscriber> joined = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
            joined.add(subscriber);
            return joined;
        });
        // A presenter's move signalled while the state was read found no subscriber here: look again.
        rechecks.add(eventId);
        publishing.request();
    }

    /** After the change is committed, every node (this one too) hears of it through the signals cache. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventChanged change) {
        try {
            String subject = change.questionId() == null ? "" : change.questionId();
            caches.eventSignals().put(change.eventId(), subject + " " + UUID.randomUUID());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A change of event " + change.eventId() + " could not be signalled", e);
        }
    }

    /** Polls whose results changed anywhere: the events showing one of them send its results. */
    void resultsChanged(@Observes ResultsChanged changed) {
        boolean any = false;
        for (PollId poll : changed.pollIds()) {
            for (Map.Entry<String, String> active : activePolls.entrySet()) {
                if (active.getValue().equals(poll.value())) {
                    changedResults.add(active.getKey());
                    any = true;
                }
            }
        }
        if (any) {
            publishing.request();
        }
    }

    void sessionEnded(@Observes SessionEnded ended) {
        eachSubscriber(subscriber -> {
            if (subscriber.authentication.cameWith(ended.sessionId())) {
                subscriber.close();
            }
        });
    }

    @Gauge(
            name = "intrapoll_event_stream_subscribers",
            description = "Open event streams (server-sent events) on this node",
            unit = MetricUnits.NONE,
            absolute = true)
    public long subscribers() {
        return subscribersByEvent.values().stream().mapToLong(Set::size).sum();
    }

    /** A signal from any node: something of an event changed. */
    private void signalled(String eventId, String value) {
        if (!subscribersByEvent.containsKey(eventId) || value == null) {
            return;
        }
        String subject = value.substring(0, Math.max(0, value.indexOf(' ')));
        if (subject.isEmpty()) {
            changedEvents.add(eventId);
        } else {
            changedQuestions
                    .computeIfAbsent(eventId, id -> ConcurrentHashMap.newKeySet())
                    .add(subject);
        }
        publishing.request();
    }

    private void publishChanged() {
        for (String eventId : Set.copyOf(subscribersByEvent.keySet())) {
            boolean eventChanged = changedEvents.remove(eventId);
            boolean recheck = rechecks.remove(eventId);
            boolean resultsDue = changedResults.remove(eventId);
            Set<String> questionIds = changedQuestions.remove(eventId);
            if (!eventChanged && !recheck && !resultsDue && questionIds == null) {
                continue;
            }
            try {
                publish(eventId, eventChanged, resultsDue, questionIds == null ? Set.of() : questionIds);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Changes of event " + eventId + " could not be read for its streams", e);
                if (eventChanged) {
                    changedEvents.add(eventId); // try again after the interval
                }
                publishing.request();
            }
        }
    }

    /**
     * Offers each subscriber what changed: {@code active-poll} when the presenter moved, {@code event} (the event's
     * fields alone) for any other change of the event, {@code results} of the active poll, {@code question} per
     * changed question.
     */
    private void publish(String eventId, boolean eventChanged, boolean resultsDue, Set<String> questionIds) {
        Set<Subscriber> subscribers = subscribersByEvent.getOrDefault(eventId, Set.of());
        if (subscribers.isEmpty()) {
            return;
        }
        Optional<EventView> current = events.current(eventId);
        if (current.isEmpty()) {
            List.copyOf(subscribers).forEach(Subscriber::close); // deleted
            activePolls.remove(eventId);
            return;
        }
        EventView event = current.get();
        List.copyOf(subscribers).stream()
                .filter(subscriber -> !event.isVisibleTo(subscriber.caller))
                .forEach(Subscriber::close);
        String active = nullToEmpty(event.activePollId());
        boolean moved = !active.equals(activePolls.put(eventId, active));
        if (eventChanged && !moved) {
            OutboundSseEvent changed = event(anySse(subscribers), "event", new State(event, null, null));
            // Its own subject: it must not take the place of a state not written yet.
            subscribers.forEach(subscriber -> subscriber.offer("event-fields", changed));
        }
        if (moved || resultsDue) {
            Optional<PollCache.Cached> poll =
                    active.isEmpty() ? Optional.empty() : PollId.parse(active).flatMap(results::poll);
            Results now = poll.map(results::fromDatabase).orElse(null); // read once for every subscriber
            OutboundSseEvent withResults = null;
            OutboundSseEvent withoutResults = null;
            for (Subscriber subscriber : subscribers) {
                boolean mayRead = poll.isPresent() && ResultsService.mayRead(poll.get(), subscriber.caller);
                if (moved) {
                    if (mayRead) {
                        withResults = withResults != null
                                ? withResults
                                : event(subscriber.sse, "active-poll", new ActivePoll(event.activePollId(), now));
                    } else {
                        withoutResults = withoutResults != null
                                ? withoutResults
                                : event(subscriber.sse, "active-poll", new ActivePoll(event.activePollId(), null));
                    }
                    subscriber.offer("active-poll", mayRead ? withResults : withoutResults);
                } else if (mayRead) {
                    withResults = withResults != null ? withResults : event(subscriber.sse, "results", now);
                    subscriber.offer("results", withResults);
                }
            }
        }
        if (!questionIds.isEmpty()) {
            for (Question question : questions.current(questionIds)) {
                Map<Boolean, OutboundSseEvent> byKind = new HashMap<>();
                for (Subscriber subscriber : subscribers) {
                    boolean moderator = event.isManageableBy(subscriber.caller);
                    QuestionView view = moderator || QuestionService.mayRead(question, subscriber.caller.name())
                            ? QuestionView.of(question, subscriber.caller.name(), null)
                            : QuestionView.gone(question);
                    // The same for every subscriber but its named asker: serialized once per kind (shown or gone).
                    OutboundSseEvent sent = view.mine()
                            ? event(subscriber.sse, "question", view)
                            : byKind.computeIfAbsent(
                                    view.text() != null, shown -> event(subscriber.sse, "question", view));
                    subscriber.offer("question:" + question.id(), sent);
                }
            }
        }
    }

    private static Sse anySse(Set<Subscriber> subscribers) {
        return subscribers.iterator().next().sse;
    }

    private Optional<Results> resultsFor(String pollId, Caller caller) {
        return Optional.ofNullable(pollId)
                .flatMap(PollId::parse)
                .flatMap(results::poll)
                .filter(poll -> ResultsService.mayRead(poll, caller))
                .map(results::fromDatabase);
    }

    private void heartbeat() {
        try {
            long quietSince = System.nanoTime() - TimeUnit.SECONDS.toNanos(heartbeatSeconds);
            Instant now = Instant.now();
            eachSubscriber(subscriber -> {
                if (subscriber.authentication.hasExpired(now)) {
                    subscriber.close();
                } else if (subscriber.lastWritten - quietSince < 0) {
                    subscriber.offer(
                            "keep-alive",
                            subscriber
                                    .sse
                                    .newEventBuilder()
                                    .comment("keep-alive")
                                    .build());
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Event streams heartbeat failed", e);
        }
    }

    private void eachSubscriber(Consumer<Subscriber> action) {
        subscribersByEvent
                .values()
                .forEach(subscribers -> List.copyOf(subscribers).forEach(action));
    }

    private OutboundSseEvent event(Sse sse, String name, Object data) {
        return sse.newEventBuilder()
                .name(name)
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, json.toJson(data))
                .build();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private void remove(Subscriber subscriber) {
        if (!subscriber.removed.compareAndSet(false, true)) {
            return;
        }
        subscribersByEvent.computeIfPresent(subscriber.eventId, (event, subscribers) -> {
            subscribers.remove(subscriber);
            if (subscribers.isEmpty()) {
                activePolls.remove(event);
                return null;
            }
            return subscribers;
        });
        streamsPerPerson.release(subscriber.authentication.caller().name());
    }

    @PreDestroy
    void stop() {
        caches.eventSignals().removeListener(signals);
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        eachSubscriber(Subscriber::close);
    }

    /** Hears every write of the signals cache on this node, whichever node made it (the cache is replicated). */
    @Listener(sync = false)
    public final class Signals {
        @CacheEntryCreated
        @CacheEntryModified
        public void written(CacheEntryEvent<String, String> written) {
            if (!written.isPre()) {
                signalled(written.getKey(), written.getValue());
            }
        }
    }

    /** One client's stream: per subject the latest event not yet written, and whether a write task is on its way. */
    private final class Subscriber {
        final String eventId;
        final Authentication authentication;
        final Caller caller;
        final SseEventSink sink;
        final Sse sse;
        /** Guarded by itself; in the order the subjects first waited. */
        final Map<String, OutboundSseEvent> pending = new LinkedHashMap<>();

        final AtomicBoolean writing = new AtomicBoolean();
        final AtomicBoolean removed = new AtomicBoolean();
        volatile long lastWritten = System.nanoTime();

        Subscriber(String eventId, Authentication authentication, SseEventSink sink, Sse sse) {
            this.eventId = eventId;
            this.authentication = authentication;
            this.caller = authentication.caller();
            this.sink = sink;
            this.sse = sse;
        }

        void offer(String subject, OutboundSseEvent event) {
            if (sink.isClosed()) {
                remove(this);
                return;
            }
            synchronized (pending) {
                pending.put(subject, event);
            }
            startWriting();
        }

        private OutboundSseEvent next() {
            synchronized (pending) {
                Iterator<OutboundSseEvent> first = pending.values().iterator();
                if (!first.hasNext()) {
                    return null;
                }
                OutboundSseEvent event = first.next();
                first.remove();
                return event;
            }
        }

        private void startWriting() {
            if (writing.compareAndSet(false, true)) {
                try {
                    writers.execute(this::write);
                } catch (RuntimeException rejected) { // the server is stopping
                    writing.set(false);
                    close();
                }
            }
        }

        private void write() {
            try {
                OutboundSseEvent event;
                while ((event = next()) != null) {
                    sink.send(event).toCompletableFuture().join();
                    lastWritten = System.nanoTime();
                }
            } catch (RuntimeException gone) {
                close();
                return;
            } finally {
                writing.set(false);
            }
            boolean more;
            synchronized (pending) {
                more = !pending.isEmpty();
            }
            if (more) {
                startWriting(); // offered while this task was finishing
            }
        }

        void close() {
            remove(this);
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
