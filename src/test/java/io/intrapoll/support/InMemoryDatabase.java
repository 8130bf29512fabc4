package io.intrapoll.support;

import io.intrapoll.platform.DatabaseMigration;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The embedded default's database for unit tests: H2 in memory in PostgreSQL mode (as the server's h2.xml sets it),
 * the project's own migrations from db/, and Hibernate with the given entities, with no container around them.
 * Each instance is a database of its own, so tests share nothing.
 *
 * <p>{@link #entityManager()} stands in for the container's {@code @PersistenceContext}: inside
 * {@link #inTransaction} it is that transaction's persistence context, and outside one each lookup starts from a
 * clear context, so a read never sees a stale entity.
 */
public final class InMemoryDatabase implements AutoCloseable {

    /**
     * Hibernate's start-up notes would come once per test (the built-in pool's warning is expected here), and an
     * expected primary-key violation would be logged as an error. Held here, as the log manager holds loggers weakly.
     */
    private static final List<Logger> QUIET = Stream.of("org.hibernate", "org.flywaydb")
            .map(Logger::getLogger)
            .peek(logger -> logger.setLevel(Level.OFF))
            .toList();

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private final EntityManagerFactory factory;
    private final ThreadLocal<EntityManager> transaction = new ThreadLocal<>();
    private final ThreadLocal<EntityManager> outside = new ThreadLocal<>();
    private final List<EntityManager> opened = new CopyOnWriteArrayList<>();

    public InMemoryDatabase(Class<?>... entities) {
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations(DatabaseMigration.locations("H2", false))
                .load()
                .migrate();
        Configuration configuration = new Configuration()
                .setProperty(AvailableSettings.JAKARTA_JDBC_URL, url)
                .setProperty(AvailableSettings.JAKARTA_JDBC_USER, "sa")
                .setProperty(AvailableSettings.JAKARTA_JDBC_PASSWORD, "")
                // as persistence.xml sets them
                .setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC")
                .setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50")
                .setProperty(AvailableSettings.ORDER_INSERTS, "true")
                .setProperty(AvailableSettings.ORDER_UPDATES, "true")
                .setProperty(AvailableSettings.IN_CLAUSE_PARAMETER_PADDING, "true");
        for (Class<?> entity : entities) {
            configuration.addAnnotatedClass(entity);
        }
        factory = configuration.buildSessionFactory();
    }

    /** The entity manager the beans under test get, as the container would inject it. */
    public EntityManager entityManager() {
        return (EntityManager) Proxy.newProxyInstance(
                EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(current(method), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private EntityManager current(Method method) {
        EntityManager joined = transaction.get();
        if (joined != null) {
            return joined;
        }
        EntityManager reader = outside.get();
        if (reader == null) {
            reader = open();
            outside.set(reader);
        }
        if (method.getName().equals("find") || method.getName().startsWith("create")) {
            reader.clear();
        }
        return reader;
    }

    /** Runs work in a transaction (joining the current one, as {@code TxType.REQUIRED} does); rolls back if it throws. */
    public <T> T inTransaction(Supplier<T> work) {
        if (transaction.get() != null) {
            return work.get();
        }
        EntityManager em = open();
        transaction.set(em);
        try {
            em.getTransaction().begin();
            T result = work.get();
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            transaction.remove();
            em.close();
        }
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private EntityManager open() {
        EntityManager em = factory.createEntityManager();
        opened.add(em);
        return em;
    }

    /** Adds a poll row, which the ballot tables refer to; the rest of the poll lives in the test's poll cache. */
    public void addPoll(String id, String type) {
        execute(
                "INSERT INTO poll (id, title, description, type, anonymous, allow_vote_change, results_visibility,"
                        + " status, open_schedule_fired, close_schedule_fired, created_by, created_at, version)"
                        + " VALUES (?, 'A poll', '', ?, FALSE, TRUE, 'LIVE', 'OPEN', FALSE, FALSE, 'author', ?, 0)",
                id,
                type,
                java.sql.Timestamp.from(Instant.now()));
    }

    /** Every row of a query, each as its columns' text, read straight from the database. */
    public List<List<String>> rows(String sql, Object... parameters) {
        try (Connection connection = connect()) {
            return TestDatabase.rows(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int execute(String sql, Object... parameters) {
        try (Connection connection = connect();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database as a data source, for beans that take one. */
    public DataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    public void close() {
        opened.stream().filter(EntityManager::isOpen).forEach(EntityManager::close);
        factory.close();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
