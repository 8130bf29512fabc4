package io.intrapoll.platform;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native queries' rows, which JDBC drivers hand over in types of their own. */
public final class SqlValues {

    private SqlValues() {}

    /** A timestamp column as an instant, whichever type the driver (PostgreSQL, H2) chose for it. */
    public static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Instant time) {
            return time;
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
