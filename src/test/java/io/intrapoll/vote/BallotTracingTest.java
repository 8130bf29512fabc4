package io.intrapoll.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.platform.Tracing;
import io.intrapoll.poll.PollId;
import io.intrapoll.poll.PollType;
import io.intrapoll.tally.TalliesChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A traced ballot's trace goes on through counting: a counting span under the span its message carried, and that
 * counting span handed on with the tally change, for the results event. Untraced ballots start no span.
 */
class BallotTracingTest {

    private static final PollId POLL = new PollId("traced-poll");
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String WRITE_SPAN = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    private final TestCounting counting = new TestCounting();
    private final RecordingTracing tracing = new RecordingTracing();

    @AfterEach
    void tearDown() {
        counting.close();
    }

    @Test
    void countingContinuesTheBallotsTraceAndHandsItToTheResultsEvent() {
        counting.batcher.tracing = tracing;
        counting.add(KnownPolls.open(POLL, PollType.SINGLE, false, false));

        counting.batcher.count(List.of(ballot("ana", WRITE_SPAN), ballot("bo", null)));

        assertEquals(1, tracing.started.size(), () -> "one span, for the traced ballot: " + tracing.started);
        RecordingTracing.Started counted = tracing.started.get(0);
        assertEquals("ballot counting", counted.name());
        assertEquals(Tracing.Kind.CONSUMER, counted.kind());
        assertEquals(WRITE_SPAN, counted.parent());
        assertTrue(counted.ended(), "ended once the batch is committed");
        TalliesChanged change = counting.announced.get(counting.announced.size() - 1);
        assertEquals(List.of(counted.traceparent()), change.traces());
        assertEquals(2, counting.ballots(POLL), "both counted");
    }

    @Test
    void theTraceTravelsInsideTheBallotMessage() {
        List<Ballot> group = List.of(ballot("ana", WRITE_SPAN), ballot("bo", null));
        assertEquals(group, BallotMessages.decode(BallotMessages.encode(group)));
    }

    private static Ballot ballot(String voter, String trace) {
        String id = UUID.randomUUID().toString();
        return new Ballot(id, POLL, voter, voter, List.of("red"), Instant.now(), 1, id, null, false, trace);
    }

    /** Spans as records, with traceparents in the W3C form under the parent's trace id. */
    static final class RecordingTracing implements Tracing {

        final List<Started> started = new CopyOnWriteArrayList<>();
        private final AtomicInteger nextSpan = new AtomicInteger(1);

        @Override
        public String current() {
            return null;
        }

        @Override
        public Span start(String name, Kind kind, String parent) {
            if (parent == null) {
                return Span.NONE;
            }
            String traceparent =
                    "00-" + parent.split("-")[1] + "-" + "%016x".formatted(nextSpan.getAndIncrement()) + "-01";
            Started span = new Started(name, kind, parent, traceparent, new boolean[1]);
            started.add(span);
            return span;
        }

        record Started(String name, Kind kind, String parent, String traceparent, boolean[] endedFlag) implements Span {

            boolean ended() {
                return endedFlag[0];
            }

            @Override
            public void failed(Throwable cause) {}

            @Override
            public void end() {
                endedFlag[0] = true;
            }
        }
    }
}
