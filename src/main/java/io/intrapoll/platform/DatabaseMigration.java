package io.intrapoll.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;

/**
 * Brings the database schema up to date with the migrations of {@code db/migration} (Flyway) when the
 * application starts, loads the demo polls when asked to, then lets Hibernate check that the entities match
 * the migrated schema. Until this has succeeded readiness is DOWN; a database that is not reachable yet is
 * tried again every few seconds instead of failing the start.
 */
@ApplicationScoped
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());
    private static final long RETRY_SECONDS = 5;

    @Resource(lookup = "jdbc/intrapoll")
    DataSource dataSource;

    @PersistenceUnit(unitName = "intrapoll")
    EntityManagerFactory entityManagerFactory;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    @ConfigProperty(name = "intrapoll.demo-data")
    boolean demoData;

    /** "latest", or a schema version to stop at (the bench compares a schema with the one before it). */
    @Inject
    @ConfigProperty(name = "intrapoll.db.schema-target")
    String schemaTarget;

    private volatile boolean done;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            migrate();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Database migration failed; retrying every " + RETRY_SECONDS + " s", e);
            executor.schedule(this::retry, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void retry() {
        try {
            migrate();
        } catch (RuntimeException e) {
            LOG.warning(() -> "Database migration failed again: " + e.getMessage());
            executor.schedule(this::retry, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void migrate() {
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(locations(databaseProduct(), demoData))
                .callbackLocations("classpath:db/callback")
                .target(schemaTarget)
                .load()
                .migrate();
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied" + (demoData ? ", demo polls loaded" : "") + "); entities validated");
        done = true;
    }

    /**
     * Where the migrations are: db/migration for every database, then db/postgresql or db/h2 for what only one of
     * them can do (partitioned tables) or must do its own way; both sets number their versions together.
     *
     * @param databaseProduct JDBC's name of the database product ("PostgreSQL", "H2")
     */
    public static String[] locations(String databaseProduct, boolean demoData) {
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        locations.add("classpath:db/" + (databaseProduct.equalsIgnoreCase("PostgreSQL") ? "postgresql" : "h2"));
        if (demoData) {
            locations.add("classpath:db/demo");
        }
        return locations.toArray(String[]::new);
    }

    private String databaseProduct() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    public boolean isDone() {
        return done;
    }
}
