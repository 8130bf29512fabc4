package io.intrapoll.tally;

import io.intrapoll.identity.Authentication;
import io.intrapoll.identity.Caller;
import io.intrapoll.identity.Callers;
import io.intrapoll.identity.SessionEnded;
import io.intrapoll.platform.Coalescer;
import io.intrapoll.platform.ProblemException;
import io.intrapoll.platform.StreamsPerPerson;
import io.intrapoll.poll.PollCache;
import io.intrapoll.poll.PollId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The results streams of this node's clients. Changed polls (from the tally topic, whichever node counted) are
 * published at once after a quiet spell, and while votes keep coming at most once per interval (four events a
 * second per poll by default): each poll's results are read and serialized once, and the one event is offered to
 * every subscriber of the poll. Each subscriber keeps only the latest event not yet written, and is
 * written to on its own task: a slow client falls behind on its own (it skips to the latest results) and never
 * holds up the others. A stream that has had nothing written for a heartbeat interval gets a comment, so idle
 * proxies do not close it; streams that carry results need none.
 *
 * <p>A stream lasts only as long as its permission: each change of its poll is checked against the subscriber's
 * caller as {@code GET .../results} would check it (a reopened AFTER_CLOSE poll, a narrower audience, a deleted
 * poll close it), and a stream ends with the sign-in it was opened with (sign-out, a session idling out or reaching
 * its lifetime, a token's expiry). A person holds at most {@code intrapoll.results.stream.per-person} streams on a
 * node.
 */
@ApplicationScoped
public class ResultsStreams {

    private static final Logger LOG = Logger.getLogger(ResultsStreams.class.getName());
    static final String EVENT = "results";

    @Inject
    ResultsService results;

    @Inject
    @ConfigProperty(name = "intrapoll.results.stream.interval-ms")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "intrapoll.results.stream.heartbeat-seconds")
    long heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "intrapoll.results.stream.per-person")
    int perPerson;

    /** How often a stream's caller is read from the registry again: as often as a browser session's groups. */
    @Inject
    @ConfigProperty(name = "intrapoll.session.groups-refresh-seconds")
    long callerRefreshSeconds;

    @Inject
    Callers callers;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Configured in server.xml: it carries the application's class loader to each write, and nothing else. */
    @Resource(lookup = "concurrent/resultsStreamWriters")
    ManagedExecutorService writers;

    private final Map<PollId, Set<Subscriber>> subscribersByPoll = new ConcurrentHashMap<>();

    /**
     * Sessions ended here lately, and when: a stream being set up while its session ended is closed once it is
     * registered. A minute is far longer than setting a stream up takes.
     */
    private final Map<String, Instant> endedSessions = new ConcurrentHashMap<>();

    private static final Duration ENDED_SESSIONS_KEPT = Duration.ofMinutes(1);
    private StreamsPerPerson streamsPerPerson;
    private final Set<PollId> changed = new ConcurrentSkipListSet<>();
    private final Jsonb json = JsonbBuilder.create();
    private Coalescer publishing;
    private ScheduledFuture<?> heartbeats;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the @PostConstruct below does the work
    }

    @PostConstruct
    void schedule() {
        streamsPerPerson = new StreamsPerPerson(perPerson, "results streams");
        publishing = new Coalescer(scheduler, intervalMillis, TimeUnit.MILLISECONDS, this::publishChanged);
        // Checked every second, so streams that started together do not all get their comments in one burst.
        heartbeats = scheduler.scheduleWithFixedDelay(this::heartbeat, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Sends the current results at once, then every change, until the client goes away or may no longer read them.
     * The poll is also marked changed, so a change counted while the client was subscribing reaches it in the next
     * interval.
     *
     * @throws ProblemException 429 when the caller holds its most streams already (nothing is sent on the sink)
     */
    void subscribe(Results current, Authentication authentication, SseEventSink sink, Sse sse) {
        PollId pollId = new PollId(current.pollId());
        streamsPerPerson.admit(authentication.caller().name());
        Subscriber subscriber = new Subscriber(pollId, authentication, sink, sse);
        subscribersByPoll.compute(pollId, (poll, subscribers) -> {
            Set<Subscriber> joined = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
            joined.add(subscriber);
            return joined;
        });
        // A sign-out that ended the session while this stream was being set up found no stream to end.
        if (authentication.sessionId().filter(endedSessions::containsKey).isPresent()) {
            subscriber.close();
            return;
        }
        subscriber.offer(resultsEvent(sse, current));
        changed.add(pollId);
        publishing.request();
    }

    /** A browser session ended here (sign-out, idled out): the streams it opened end with it. */
    void sessionEnded(@Observes SessionEnded ended) {
        endedSessions.put(ended.sessionId(), Instant.now());
        eachSubscriber(subscriber -> {
            if (subscriber.authentication.cameWith(ended.sessionId())) {
                subscriber.close();
            }
        });
    }

    /** Polls whose tallies changed somewhere in the cluster. */
    void changed(Collection<PollId> pollIds) {
        boolean watched = false;
        for (PollId pollId : pollIds) {
            if (subscribersByPoll.containsKey(pollId)) {
                changed.add(pollId);
                watched = true;
            }
        }
        if (watched) {
            publishing.request();
        }
    }

    @Gauge(
            name = "intrapoll_results_stream_subscribers",
            description = "Open results streams (server-sent events) on this node",
            unit = MetricUnits.NONE,
            absolute = true)
    public long subscribers() {
        return subscribersByPoll.values().stream().mapToLong(Set::size).sum();
    }

    private void publishChanged() {
        for (PollId pollId : changed) {
            changed.remove(pollId);
            Set<Subscriber> subscribers = subscribersByPoll.get(pollId);
            if (subscribers == null || subscribers.isEmpty()) {
                continue;
            }
            try {
                Optional<PollCache.Cached> poll = results.poll(pollId);
                // Checked again at every change, as GET .../results would check the same caller now.
                subscribers.stream()
                        .filter(subscriber -> poll.isEmpty() || !ResultsService.mayRead(poll.get(), subscriber.caller))
                        .toList()
                        .forEach(Subscriber::close);
                Sse sse = subscribers.stream()
                        .findAny()
                        .map(subscriber -> subscriber.sse)
                        .orElse(null);
                if (poll.isPresent() && sse != null) {
                    OutboundSseEvent event = resultsEvent(sse, results.fromDatabase(poll.get()));
                    subscribers.forEach(subscriber -> subscriber.offer(event)); // one event, written to every stream
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Results of poll " + pollId + " could not be read for its streams", e);
                changed.add(pollId); // try again after the interval
                publishing.request();
            }
        }
    }

    /**
     * Keep-alives for quiet streams; streams whose sign-in has expired end, and so do those whose caller, read from
     * the registry again every refresh interval, may no longer read the poll (taken out of its audience group, gone).
     */
    private void heartbeat() {
        try {
            long quietSince = System.nanoTime() - TimeUnit.SECONDS.toNanos(heartbeatSeconds);
            long checkedBefore = System.nanoTime() - TimeUnit.SECONDS.toNanos(callerRefreshSeconds);
            Instant now = Instant.now();
            Instant longAgo = now.minus(ENDED_SESSIONS_KEPT);
            endedSessions.values().removeIf(endedAt -> endedAt.isBefore(longAgo));
            eachSubscriber(subscriber -> {
                if (subscriber.authentication.hasExpired(now)
                        || !subscriber.stillMayReadIfCheckedBefore(checkedBefore)) {
                    subscriber.close();
                } else {
                    subscriber.keepAliveIfQuietSince(quietSince);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Results streams heartbeat failed", e); // and the next one comes all the same
        }
    }

    private void eachSubscriber(Consumer<Subscriber> action) {
        subscribersByPoll
                .values()
                .forEach(subscribers -> List.copyOf(subscribers).forEach(action));
    }

    /** The results serialized here, once: an event's data is text on the wire whatever its media type. */
    private OutboundSseEvent resultsEvent(Sse sse, Results current) {
        return sse.newEventBuilder()
                .name(EVENT)
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, json.toJson(current))
                .build();
    }

    private void remove(Subscriber subscriber) {
        if (!subscriber.removed.compareAndSet(false, true)) {
            return;
        }
        subscribersByPoll.computeIfPresent(subscriber.pollId, (poll, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
        streamsPerPerson.release(subscriber.authentication.caller().name());
    }

    @PreDestroy
    void stop() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        eachSubscriber(Subscriber::close);
    }

    /** One client's stream: the latest event not yet written, and whether a write task is on its way. */
    private final class Subscriber {
        final PollId pollId;
        final Authentication authentication;
        /** As the registry had it when last read. */
        volatile Caller caller;

        volatile long callerReadAt = System.nanoTime();
        final SseEventSink sink;
        final Sse sse;
        final AtomicReference<OutboundSseEvent> next = new AtomicReference<>();
        final AtomicBoolean writing = new AtomicBoolean();
        final AtomicBoolean removed = new AtomicBoolean();
        volatile long lastWritten = System.nanoTime();

        Subscriber(PollId pollId, Authentication authentication, SseEventSink sink, Sse sse) {
            this.pollId = pollId;
            this.authentication = authentication;
            this.caller = authentication.caller();
            this.sink = sink;
            this.sse = sse;
        }

        void offer(OutboundSseEvent event) {
            if (sink.isClosed()) {
                remove(this);
                return;
            }
            next.set(event);
            startWriting();
        }

        /**
         * Reads the caller from the registry again when it was last read before the given time, and says whether it
         * may still read the poll. A token's caller is the token's: its expiry ends the stream instead.
         */
        boolean stillMayReadIfCheckedBefore(long checkedBefore) {
            if (!authentication.fromRegistry() || callerReadAt - checkedBefore > 0) {
                return true;
            }
            callerReadAt = System.nanoTime();
            Optional<Caller> now = callers.reread(caller);
            if (now.isEmpty()) {
                return false;
            }
            caller = now.get();
            Optional<PollCache.Cached> poll = results.poll(pollId);
            return poll.isPresent() && ResultsService.mayRead(poll.get(), caller);
        }

        /** A keep-alive comment, unless results wait to be written anyway (it never replaces them). */
        void keepAliveIfQuietSince(long quietSince) {
            if (lastWritten - quietSince < 0) {
                keepAlive();
            }
        }

        private void keepAlive() {
            if (sink.isClosed()) {
                remove(this);
                return;
            }
            if (next.compareAndSet(
                    null, sse.newEventBuilder().comment("keep-alive").build())) {
                startWriting();
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
                while ((event = next.getAndSet(null)) != null) {
                    sink.send(event).toCompletableFuture().join();
                    lastWritten = System.nanoTime();
                }
            } catch (RuntimeException gone) {
                close();
                return;
            } finally {
                writing.set(false);
            }
            if (next.get() != null) {
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
