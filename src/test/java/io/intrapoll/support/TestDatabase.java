package io.intrapoll.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct access to the integration tests' PostgreSQL database, to look at what the application stored. */
public final class TestDatabase {

    private TestDatabase() {}

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("it.db.url", "jdbc:postgresql://127.0.0.1:5432/intrapoll_test"),
                System.getProperty("it.db.user", "postgres"),
                "");
    }

    /** Every row of a query, each as its columns' text. */
    public static List<List<String>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect()) {
            return rows(connection, sql, parameters);
        }
    }

    /** Every row of a query on the given connection (any database), each as its columns' text. */
    public static List<List<String>> rows(Connection connection, String sql, Object... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getString(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    public static int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** Runs an update on the given connection (any database). */
    public static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
