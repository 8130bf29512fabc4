package io.intrapoll.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;

/**
 * Brings the database schema up to date with the migrations of {@code db/migration} (Flyway) when the
 * application starts, loads the demo polls when asked to, then lets Hibernate check that the entities match
 * the migrated schema. Readiness stays DOWN until this has succeeded.
 */
@ApplicationScoped
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "jdbc/intrapoll")
    DataSource dataSource;

    @PersistenceUnit(unitName = "intrapoll")
    EntityManagerFactory entityManagerFactory;

    @Inject
    @ConfigProperty(name = "intrapoll.demo-data", defaultValue = "false")
    boolean demoData;

    private volatile boolean done;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        if (demoData) {
            locations.add("classpath:db/demo");
        }
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied" + (demoData ? ", demo polls loaded" : "") + ")");
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
        done = true;
    }

    public boolean isDone() {
        return done;
    }
}
