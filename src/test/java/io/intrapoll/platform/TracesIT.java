package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.intrapoll.support.Api;
import io.intrapoll.support.LibertyServer;
import io.intrapoll.support.OtlpReceiver;
import io.intrapoll.support.OtlpReceiver.Span;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traces on (intrapoll.telemetry=otlp) and JSON logs, as a cluster node runs them: one vote is one trace from its
 * HTTP request through the durable write and the counting to the results event, received here over OTLP/HTTP the
 * way a collector receives it; the request's line in the JSON log carries its trace id.
 */
class TracesIT {

    private static final Duration EXPORTED_WITHIN = Duration.ofSeconds(30);
    private static final String SERVER_NAME = System.getProperty("traces.it.server", "intrapoll-traces");
    private static final LibertyServer SERVER =
            new LibertyServer(SERVER_NAME, Integer.getInteger("traces.it.http.port", 9185));
    private static OtlpReceiver collector;

    @BeforeAll
    static void startCollectorAndServer() {
        collector = OtlpReceiver.listenOn(Integer.getInteger("traces.it.otlp.port", 14318));
        SERVER.startAndAwaitReady();
    }

    @AfterAll
    static void stopServerAndCollector() {
        try {
            SERVER.stop();
        } finally {
            collector.close();
        }
    }

    @Test
    void oneVoteIsOneTraceFromItsRequestToTheResultsEvent() {
        Api.Reply accepted = voteIn(openPoll(false), SERVER.as(Voters.fresh()));
        String traceId = traceIdOf(accepted);

        List<Span> trace = collector.awaitSpan(traceId, named("results event received"), EXPORTED_WITHIN);
        Span request = trace.stream()
                .filter(span -> span.kind().equals("SPAN_KIND_SERVER"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no server span: " + trace));
        assertEquals("", request.parentSpanId(), "the request starts the trace");
        assertTrue(request.name().contains("/votes"), request::toString);
        Span write = childOf(trace, request, "ballot durable write", "SPAN_KIND_PRODUCER");
        Span counting = childOf(trace, write, "ballot counting", "SPAN_KIND_CONSUMER");
        Span event = childOf(trace, counting, "results event", "SPAN_KIND_PRODUCER");
        childOf(trace, event, "results event received", "SPAN_KIND_CONSUMER");
    }

    @Test
    void aTraceTheCallerStartedIsContinued() {
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);
        Api voter = SERVER.as(Voters.fresh()).with("traceparent", "00-" + traceId + "-" + callerSpan + "-01");
        Api.Reply accepted = voteIn(openPoll(false), voter);
        assertEquals(traceId, traceIdOf(accepted));

        List<Span> trace = collector.awaitSpan(traceId, named("ballot counting"), EXPORTED_WITHIN);
        Span request = trace.stream()
                .filter(span -> span.kind().equals("SPAN_KIND_SERVER"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no server span: " + trace));
        assertEquals(callerSpan, request.parentSpanId(), "the caller's span is the request's parent");
    }

    /** A trace id would tie an anonymous ballot to its request, and so to the person: its trace ends there. */
    @Test
    void anAnonymousBallotIsNotFollowedPastItsRequest() {
        String anonymousTrace = traceIdOf(voteIn(openPoll(true), SERVER.as(Voters.fresh())));
        // A named ballot sent after it, traced to its end: the anonymous one was counted by then, or with it.
        String namedTrace = traceIdOf(voteIn(openPoll(false), SERVER.as(Voters.fresh())));
        collector.awaitSpan(namedTrace, named("results event received"), EXPORTED_WITHIN);
        collector.awaitSpan(anonymousTrace, span -> span.kind().equals("SPAN_KIND_SERVER"), EXPORTED_WITHIN);

        List<Span> anonymous = collector.trace(anonymousTrace);
        assertEquals(1, anonymous.size(), () -> "only the request: " + anonymous);
    }

    /** The server logs JSON (console and messages.log); a request's access-log event carries its trace id. */
    @Test
    void requestLinesAreJsonEventsWithTheTraceId() throws IOException {
        String traceId = traceIdOf(voteIn(openPoll(false), SERVER.as(Voters.fresh())));
        Path log = Path.of(
                System.getProperty("wlp.home", "target/liberty/wlp"), "usr/servers", SERVER_NAME, "logs/messages.log");

        Optional<JsonObject> requestLine = Optional.empty();
        for (int attempt = 0; attempt < 50 && requestLine.isEmpty(); attempt++) {
            Votes.sleep(100);
            requestLine = Files.readAllLines(log).stream()
                    .map(TracesIT::json)
                    .filter(event -> event.getString("type").equals("liberty_accesslog"))
                    .filter(event -> event.toString().contains(traceId))
                    .findFirst();
        }
        JsonObject line = requestLine.orElseThrow(() -> new AssertionError("no access-log event with " + traceId));
        assertTrue(
                line.getString("ibm_requestFirstLine").matches("POST /api/v1/polls/[^/]+/votes HTTP/1.1"),
                line::toString);
        assertEquals(202, line.getInt("ibm_responseCode"), line::toString);
        assertTrue(line.getString("ibm_responseHeader_io.openliberty.trace").startsWith(traceId + ":"), line::toString);
        assertFalse(line.toString().contains("Authorization"), "no credentials in the log");
    }

    private static JsonObject json(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        } catch (RuntimeException notJson) {
            throw new AssertionError("not a JSON log line: " + line, notJson);
        }
    }

    private static JsonObject openPoll(boolean anonymous) {
        return TestPolls.create(
                SERVER.as("author"),
                TestPolls.singleChoice("Traced " + TestPolls.uniqueWord())
                        .add("anonymous", anonymous)
                        .add("open", true));
    }

    private static Api.Reply voteIn(JsonObject poll, Api voter) {
        Api.Reply accepted = Votes.vote(voter, poll.getString("id"), Votes.optionIds(poll)[0]);
        assertEquals(202, accepted.status(), accepted::toString);
        return accepted;
    }

    /** From the header Liberty answers a traced request with: traceid:spanid. */
    private static String traceIdOf(Api.Reply reply) {
        String trace = reply.header("io.openliberty.trace");
        assertNotNull(
                trace,
                () -> "no io.openliberty.trace header: "
                        + reply.http().headers().map());
        return trace.split(":")[0];
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static Predicate<Span> named(String name) {
        return span -> span.name().equals(name);
    }

    private static Span childOf(List<Span> trace, Span parent, String name, String kind) {
        Span child = trace.stream()
                .filter(span -> span.name().equals(name) && span.parentSpanId().equals(parent.spanId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " under " + parent + ": " + trace));
        assertEquals(kind, child.kind(), child::toString);
        return child;
    }
}
