package io.intrapoll.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver (what an OpenTelemetry Collector listens with on 4318): keeps every span a server
 * exports to {@code /v1/traces}, decoded with the protocol's own generated classes.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A received span; ids in lowercase hex, an empty parent for a root span. */
    public record Span(String traceId, String spanId, String parentSpanId, String name, String kind) {}

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    private OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/v1/traces", this::receive);
        server.start();
    }

    public static OtlpReceiver listenOn(int port) {
        try {
            return new OtlpReceiver(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            HexFormat hex = HexFormat.of();
            request.getResourceSpansList()
                    .forEach(resource -> resource.getScopeSpansList()
                            .forEach(scope -> scope.getSpansList()
                                    .forEach(span -> spans.add(new Span(
                                            hex.formatHex(span.getTraceId().toByteArray()),
                                            hex.formatHex(span.getSpanId().toByteArray()),
                                            hex.formatHex(span.getParentSpanId().toByteArray()),
                                            span.getName(),
                                            span.getKind().name())))));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** The spans of a trace received so far. */
    public List<Span> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Waits until the trace holds a span that matches; the trace then, or an AssertionError after the timeout. */
    public List<Span> awaitSpan(String traceId, Predicate<Span> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Span> trace = trace(traceId);
            if (trace.stream().anyMatch(wanted)) {
                return trace;
            }
            Votes.sleep(100);
        }
        throw new AssertionError("no such span in trace " + traceId + " within " + timeout + ": " + trace(traceId));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
