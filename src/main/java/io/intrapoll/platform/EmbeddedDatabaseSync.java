package io.intrapoll.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Forces the embedded database's commits onto the disk. H2 writes each commit into its file (WRITE_DELAY=0) but
 * leaves flushing it to the operating system, which holds the pages for up to half a minute. Counting acknowledges
 * a ballot message only after its commit, so without a sync a machine crash could lose ballots the broker no longer
 * holds. (The pages now reach the disk a little at a time instead of in bursts; the 202's tail, which waits on the
 * broker journal's syncs on the same disk, did not measurably change: bench/CHANGES.md.) PostgreSQL syncs its own
 * commits: there is nothing to do.
 */
@ApplicationScoped
public class EmbeddedDatabaseSync {

    @Resource(lookup = "jdbc/intrapoll")
    DataSource dataSource;

    private volatile Boolean embedded;

    public EmbeddedDatabaseSync() {
        // for CDI: the data source is injected
    }

    /** Outside the container (the counting tests). */
    public EmbeddedDatabaseSync(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** After a commit whose durability something outside the database relies on: a no-op on PostgreSQL. */
    public void sync() {
        if (Boolean.FALSE.equals(embedded)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (embedded == null) {
                embedded = "H2".equals(connection.getMetaData().getDatabaseProductName());
            }
            if (embedded) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CHECKPOINT SYNC");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded database could not sync its file", e);
        }
    }
}
