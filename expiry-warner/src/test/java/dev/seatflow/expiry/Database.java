package dev.seatflow.expiry;

import dev.seatflow.testkit.PostgresService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** JDBC look-ups into the warner's tables, for assertions. */
final class Database {

    private final PostgresService postgres;

    Database(PostgresService postgres) {
        this.postgres = postgres;
    }

    record Notification(UUID id, UUID licenseId, String threshold, String channel, String status, int attempts, boolean recorded) {
    }

    /** Waits until the license view has applied the license's event with this sequence. */
    void awaitView(UUID licenseId, long sequence) {
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() ->
                number("SELECT coalesce(max(last_event_sequence), 0) FROM expiry_licenses WHERE license_id = '" + licenseId + "'") >= sequence);
    }

    List<Notification> notifications() {
        List<Notification> rows = new ArrayList<>();
        query("SELECT id, license_id, threshold, channel, status, attempts, recorded_at IS NOT NULL AS recorded "
                + "FROM expiry_notifications ORDER BY claimed_at, channel", result -> {
                    while (result.next()) {
                        rows.add(new Notification(result.getObject(1, UUID.class), result.getObject(2, UUID.class), result.getString(3),
                                result.getString(4), result.getString(5), result.getInt(6), result.getBoolean(7)));
                    }
                });
        return rows;
    }

    long number(String sql) {
        long[] value = new long[1];
        query(sql, result -> {
            result.next();
            value[0] = result.getLong(1);
        });
        return value[0];
    }

    void execute(String sql) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private interface Reader {
        void read(ResultSet result) throws SQLException;
    }

    private void query(String sql, Reader reader) {
        try (Connection connection = connect(); var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            reader.read(result);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
