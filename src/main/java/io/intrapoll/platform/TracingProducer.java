package io.intrapoll.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.logging.Logger;

/**
 * Chooses the application's {@link Tracing}: OpenTelemetry's when the server has MicroProfile Telemetry (the
 * setting {@code intrapoll.telemetry=otlp}, README "Traces"), otherwise {@link Tracing#OFF}. The OpenTelemetry side
 * is loaded by name, so the application starts on servers whose class loader has no OpenTelemetry API at all.
 */
@ApplicationScoped
public class TracingProducer {

    private static final Logger LOG = Logger.getLogger(TracingProducer.class.getName());
    private static final String OPEN_TELEMETRY_TRACING = "io.intrapoll.platform.telemetry.OpenTelemetryTracing";

    @Produces
    @ApplicationScoped
    Tracing tracing() {
        ClassLoader loader = TracingProducer.class.getClassLoader();
        try {
            Class.forName("io.opentelemetry.api.OpenTelemetry", false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return Tracing.OFF;
        }
        try {
            Tracing tracing = (Tracing) Class.forName(OPEN_TELEMETRY_TRACING, true, loader)
                    .getConstructor()
                    .newInstance();
            LOG.info("Votes are traced with OpenTelemetry beyond their HTTP requests");
            return tracing;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new IllegalStateException("MicroProfile Telemetry is on but its API cannot be used", e);
        }
    }
}
