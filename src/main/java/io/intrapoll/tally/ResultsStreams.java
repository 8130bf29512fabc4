package io.intrapoll.tally;

import io.intrapoll.platform.Coalescer;
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
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Configured in server.xml: it carries the application's class loader to each write, and nothing else. */
    @Resource(lookup = "concurrent/resultsStreamWriters")
    ManagedExecutorService writers;

    private final Map<PollId, Set<Subscriber>> subscribersByPoll = new ConcurrentHashMap<>();
    private final Set<PollId> changed = new ConcurrentSkipListSet<>();
    private final Jsonb json = JsonbBuilder.create();
    private Coalescer publishing;
    private ScheduledFuture<?> heartbeats;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the @PostConstruct below does the work
    }

    @PostConstruct
    void schedule() {
        publishing = new Coalescer(scheduler, intervalMillis, TimeUnit.MILLISECONDS, this::publishChanged);
        // Checked every second, so streams that started together do not all get their comments in one burst.
        heartbeats = scheduler.scheduleWithFixedDelay(this::heartbeat, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Sends the current results at once, then every change, until the client goes away. The poll is also marked
     * changed, so a change counted while the client was subscribing reaches it in the next interval.
     */
    void subscribe(Results current, SseEventSink sink, Sse sse) {
        PollId pollId = new PollId(current.pollId());
        Subscriber subscriber = new Subscriber(pollId, sink, sse);
        subscribersByPoll.compute(pollId, (poll, subscribers) -> {
            Set<Subscriber> joined = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
            joined.add(subscriber);
            return joined;
        });
        subscriber.offer(resultsEvent(sse, current));
        changed.add(pollId);
        publishing.request();
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
                Sse sse = subscribers.stream()
                        .findAny()
                        .map(subscriber -> subscriber.sse)
                        .orElse(null);
                results.fromDatabase(pollId).filter(current -> sse != null).ifPresent(current -> {
                    OutboundSseEvent event = resultsEvent(sse, current); // one event, written to every stream
                    subscribers.forEach(subscriber -> subscriber.offer(event));
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Results of poll " + pollId + " could not be read for its streams", e);
                changed.add(pollId); // try again after the interval
                publishing.request();
            }
        }
    }

    private void heartbeat() {
        try {
            long quietSince = System.nanoTime() - TimeUnit.SECONDS.toNanos(heartbeatSeconds);
            subscribersByPoll
                    .values()
                    .forEach(subscribers ->
                            subscribers.forEach(subscriber -> subscriber.keepAliveIfQuietSince(quietSince)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Results streams heartbeat failed", e); // and the next one comes all the same
        }
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
        subscribersByPoll.computeIfPresent(subscriber.pollId, (poll, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    @PreDestroy
    void stop() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        subscribersByPoll.values().forEach(subscribers -> subscribers.forEach(subscriber -> subscriber.close()));
    }

    /** One client's stream: the latest event not yet written, and whether a write task is on its way. */
    private final class Subscriber {
        final PollId pollId;
        final SseEventSink sink;
        final Sse sse;
        final AtomicReference<OutboundSseEvent> next = new AtomicReference<>();
        final AtomicBoolean writing = new AtomicBoolean();
        volatile long lastWritten = System.nanoTime();

        Subscriber(PollId pollId, SseEventSink sink, Sse sse) {
            this.pollId = pollId;
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
