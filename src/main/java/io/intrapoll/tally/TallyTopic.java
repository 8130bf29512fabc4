package io.intrapoll.tally;

import io.intrapoll.platform.Coalescer;
import io.intrapoll.platform.Messaging;
import io.intrapoll.platform.Tracing;
import io.intrapoll.poll.PollChanged;
import io.intrapoll.poll.PollId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Announces changed tallies on the topic intrapoll.tallies, so every node can tell its own clients (live
 * results). Polls whose counts were committed are announced at once after a quiet spell, and while counting is
 * busy gathered and announced together at most every 25 ms: one message however many groups were counted
 * meanwhile. The interval is short because every vote's way to the results waits for it, and cheap because
 * counting commits far less often under load (it gathers groups into batches), and each node's results streams
 * coalesce their own events again. An announcement is a hint, not a record: if the broker cannot
 * take it, live results still catch up within the live tallies' one-second freshness.
 */
@ApplicationScoped
public class TallyTopic {

    private static final Logger LOG = Logger.getLogger(TallyTopic.class.getName());
    private static final long INTERVAL_MILLIS = 25;
    /** Traced ballots followed into one announcement at most; the rest of a traced surge ends at counting. */
    private static final int MAX_TRACES = 64;

    @Inject
    Sender sender;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Tracing tracing;

    private final Set<PollId> changed = new ConcurrentSkipListSet<>();
    private final Queue<String> traces = new ConcurrentLinkedQueue<>();
    private Coalescer announcing;
    private volatile boolean failing;

    @PostConstruct
    void start() {
        announcing = new Coalescer(scheduler, INTERVAL_MILLIS, TimeUnit.MILLISECONDS, this::announceChanged);
    }

    void counted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TalliesChanged change) {
        changed.addAll(change.pollIds());
        traces.addAll(change.traces());
        announcing.request();
    }

    /** A poll opened, closed or changed: its results' status and "final" change with it, on every node. */
    void pollChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PollChanged change) {
        changed.add(change.pollId());
        announcing.request();
    }

    private void announceChanged() {
        List<PollId> polls = new ArrayList<>();
        for (PollId poll : changed) {
            changed.remove(poll);
            polls.add(poll);
        }
        if (polls.isEmpty()) {
            return;
        }
        List<Tracing.Span> spans = new ArrayList<>();
        for (String parent; (parent = traces.poll()) != null; ) {
            if (spans.size() < MAX_TRACES) {
                spans.add(tracing.start("results event", Tracing.Kind.PRODUCER, parent));
            }
        }
        try {
            sender.send(
                    polls.stream().map(PollId::value).collect(Collectors.joining(",")),
                    spans.stream()
                            .map(Tracing.Span::traceparent)
                            .filter(Objects::nonNull)
                            .collect(Collectors.joining(",")));
            if (failing) {
                failing = false;
                LOG.info("Tally changes are announced again");
            }
        } catch (RuntimeException e) {
            spans.forEach(span -> span.failed(e));
            changed.addAll(polls); // announced with the next ones, or on their own after the interval
            announcing.request();
            if (!failing) { // once per outage, not every 25 ms
                failing = true;
                LOG.log(
                        Level.WARNING,
                        "Tally changes cannot be announced; retrying every " + INTERVAL_MILLIS + " ms",
                        e);
            }
        } finally {
            spans.forEach(Tracing.Span::end);
        }
    }

    /** Sends one announcement in a transaction of its own, on the broker alone. */
    @ApplicationScoped
    static class Sender {

        @Resource(lookup = Messaging.CONNECTION_FACTORY)
        ConnectionFactory connectionFactory;

        @Resource(lookup = Messaging.TALLIES)
        Topic tallies;

        /**
         * @param polls the ids, comma-joined: the message property every node's listener splits
         * @param traces the results event's spans, comma-joined traceparents (empty when nothing is traced)
         */
        @Transactional(Transactional.TxType.REQUIRES_NEW)
        void send(String polls, String traces) {
            try (JMSContext jms = connectionFactory.createContext()) {
                var producer = jms.createProducer().setProperty(Messaging.POLLS_PROPERTY, polls);
                if (!traces.isEmpty()) {
                    producer.setProperty(Messaging.TRACES_PROPERTY, traces);
                }
                producer.send(tallies, polls);
            }
        }
    }
}
