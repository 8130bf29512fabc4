package io.intrapoll.platform.telemetry;

import io.intrapoll.platform.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.inject.spi.CDI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Tracing} on the OpenTelemetry instance MicroProfile Telemetry gives the application. Only this package
 * names OpenTelemetry's API (visible to the application only where Telemetry is on); beans.xml keeps it out of
 * CDI's discovery and {@link io.intrapoll.platform.TracingProducer} loads it by name.
 */
public final class OpenTelemetryTracing implements Tracing {

    private static final String TRACEPARENT = "traceparent";
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> PARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public OpenTelemetryTracing() {
        tracer = CDI.current().select(OpenTelemetry.class).get().getTracer("io.intrapoll");
    }

    @Override
    public String current() {
        return traceparentOf(Context.current());
    }

    @Override
    public Span start(String name, Kind kind, String parentTraceparent) {
        if (parentTraceparent == null) {
            return Span.NONE;
        }
        Context parent = W3C.extract(Context.root(), parentTraceparent, PARENT);
        if (!io.opentelemetry.api.trace.Span.fromContext(parent)
                .getSpanContext()
                .isValid()) {
            return Span.NONE;
        }
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder(name)
                .setParent(parent)
                .setSpanKind(SpanKind.valueOf(kind.name()))
                .startSpan();
        return new Started(span, traceparentOf(parent.with(span)));
    }

    private static String traceparentOf(Context context) {
        if (!io.opentelemetry.api.trace.Span.fromContext(context)
                .getSpanContext()
                .isValid()) {
            return null;
        }
        Map<String, String> headers = new HashMap<>(2);
        W3C.inject(context, headers, Map::put);
        return headers.get(TRACEPARENT);
    }

    private record Started(io.opentelemetry.api.trace.Span span, String traceparent) implements Span {

        @Override
        public void failed(Throwable cause) {
            span.recordException(cause);
            span.setStatus(StatusCode.ERROR, cause.toString());
        }

        @Override
        public void end() {
            span.end();
        }
    }
}
