package org.panelwatch.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The real local PostgreSQL: makes sure the test database exists and points the application at
 * it. Host, port and user come from PGHOST/PGPORT/PGUSER/PGPASSWORD when set.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String NAME = env("PANELWATCH_TEST_DATABASE", "panelwatch_test");

    @Override
    public Map<String, String> start() {
        ensureDatabase();
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(NAME),
                "quarkus.datasource.username", user(),
                "quarkus.datasource.password", password());
    }

    @Override
    public void stop() {
        // The database is kept: each service owns a schema in it and Flyway keeps it current.
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + env("PGHOST", "localhost") + ":" + env("PGPORT", "5432") + "/" + database
                + "?reWriteBatchedInserts=true";
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(NAME), user(), password());
    }

    /** The first column of the first row of a query, as a number: counts in test assertions. */
    public static long count(String sql, Object... params) throws SQLException {
        String value = string(sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The first column of the first row of a query, or null without a row. */
    public static String string(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static synchronized void ensureDatabase() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'")) {
            if (!rs.next()) {
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + NAME);
                } catch (SQLException e) {
                    // Another module's test JVM may have created it at the same moment.
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must run on " + jdbcUrl("postgres")
                    + " for the tests (start it with: pg_ctlcluster 15 main start): " + e.getMessage(), e);
        }
    }

    private static String user() {
        return env("PGUSER", "postgres");
    }

    private static String password() {
        return env("PGPASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
