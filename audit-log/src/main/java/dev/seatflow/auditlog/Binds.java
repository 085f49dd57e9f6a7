package dev.seatflow.auditlog;

import io.r2dbc.spi.Statement;

/** R2DBC wants nulls bound with their type. */
final class Binds {

    private Binds() {
    }

    static void nullable(Statement statement, String name, Object value, Class<?> type) {
        if (value == null) {
            statement.bindNull(name, type);
        } else {
            statement.bind(name, value);
        }
    }
}
