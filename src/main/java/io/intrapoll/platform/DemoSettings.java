package io.intrapoll.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo accounts and the demo secrets make the embedded default work without setting anything, and must never
 * guard real votes: a server on PostgreSQL (a deployment) with any of them does not start, unless
 * {@code intrapoll.demo-settings.allowed} says it is a test environment. The embedded default only warns.
 */
@ApplicationScoped
public class DemoSettings {

    /** The settings whose defaults are demo values, and those values (application.xml, server.xml). */
    static final Map<String, String> DEMO_VALUES = Map.of(
            "intrapoll.registry", "demo",
            "intrapoll.voter-key.secret", "intrapoll-demo-secret-change-me",
            "intrapoll.audit.key", "intrapoll-demo-audit-key-change-me",
            "intrapoll.keystore.password", "intrapoll-demo-keystore");

    private static final Logger LOG = Logger.getLogger(DemoSettings.class.getName());

    @Inject
    @ConfigProperty(name = "intrapoll.db")
    String database;

    @Inject
    @ConfigProperty(name = "intrapoll.demo-settings.allowed")
    boolean allowed;

    @Inject
    @ConfigProperty(name = "intrapoll.registry")
    String registry;

    @Inject
    @ConfigProperty(name = "intrapoll.voter-key.secret")
    String voterKeySecret;

    @Inject
    @ConfigProperty(name = "intrapoll.audit.key")
    String auditKey;

    @Inject
    @ConfigProperty(name = "intrapoll.keystore.password")
    String keystorePassword;

    /** Before anything else starts: a refused start must not have migrated the database or joined the cluster. */
    void check(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object ignored) {
        List<String> inUse = demoValuesIn(Map.of(
                "intrapoll.registry", registry,
                "intrapoll.voter-key.secret", voterKeySecret,
                "intrapoll.audit.key", auditKey,
                "intrapoll.keystore.password", keystorePassword));
        if (inUse.isEmpty()) {
            return;
        }
        String which = String.join(", ", inUse);
        if ("postgresql".equals(database) && !allowed) {
            throw new IllegalStateException("Refusing to start on PostgreSQL with demo settings: " + which
                    + ". Set real values (README.md, \"Point it at PostgreSQL\"); only a test environment may set"
                    + " intrapoll.demo-settings.allowed=true.");
        }
        LOG.warning("Demo settings in use on " + database + " (demos and tests only): " + which);
    }

    /** The names of the given settings that hold their demo values, in a stable order. */
    static List<String> demoValuesIn(Map<String, String> settings) {
        List<String> inUse = new ArrayList<>();
        DEMO_VALUES.keySet().stream().sorted().forEach(name -> {
            if (DEMO_VALUES.get(name).equals(settings.get(name))) {
                inUse.add(name);
            }
        });
        return inUse;
    }
}
