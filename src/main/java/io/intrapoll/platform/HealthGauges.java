package io.intrapoll.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The database and broker readiness checks on /metrics, as intrapoll_health_check_up{check}: 1 while the check
 * answers UP, 0 while it answers DOWN. Prometheus alerts on it; /health/ready itself says only that some check
 * failed. Each scrape runs the checks again (one round trip to each), so the value is never older than the scrape.
 */
@ApplicationScoped
public class HealthGauges {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    @Readiness
    DatabaseHealth database;

    @Inject
    @Readiness
    BrokerHealth broker;

    /** Registered at start-up, so both series are there before anything asks for readiness. */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        register("database", database);
        register("broker", broker);
    }

    private void register(String check, HealthCheck healthCheck) {
        registry.gauge(
                Metadata.builder()
                        .withName("intrapoll_health_check_up")
                        .withDescription("1 while this node's readiness check (database, broker) answers UP, else 0")
                        .build(),
                healthCheck,
                HealthGauges::up,
                new Tag("check", check));
    }

    private static int up(HealthCheck healthCheck) {
        return healthCheck.call().getStatus() == HealthCheckResponse.Status.UP ? 1 : 0;
    }
}
