package io.intrapoll.platform;

/**
 * The spans of a vote's trace beyond its HTTP request: the durable write, the counting and the results event run
 * on other threads and nodes, so their parent travels as a W3C {@code traceparent} text inside the JMS messages.
 * {@link #OFF} when the server runs without MicroProfile Telemetry (the default); {@link TracingProducer} picks.
 */
public interface Tracing {

    /** The kinds of span this application starts (OpenTelemetry's names). */
    enum Kind {
        INTERNAL,
        PRODUCER,
        CONSUMER
    }

    /** The current span (the HTTP request's, in a resource) as a traceparent; null if nothing is being traced. */
    String current();

    /** Starts a span under the given parent; a {@link Span#NONE} (nothing recorded) when the parent is null. */
    Span start(String name, Kind kind, String parentTraceparent);

    /** A started span; ended exactly once. */
    interface Span {

        /** Nothing traced: no parent to follow. */
        Span NONE = new Span() {
            @Override
            public String traceparent() {
                return null;
            }

            @Override
            public void failed(Throwable cause) {}

            @Override
            public void end() {}
        };

        /** This span as the parent of the next step's spans; null for {@link #NONE}. */
        String traceparent();

        /** Marks the span as failed, with the cause recorded. */
        void failed(Throwable cause);

        void end();
    }

    Tracing OFF = new Tracing() {
        @Override
        public String current() {
            return null;
        }

        @Override
        public Span start(String name, Kind kind, String parentTraceparent) {
            return Span.NONE;
        }
    };
}
