package dev.seatflow.testkit;

/**
 * A running Postgres server; {@code schema} is the schema this test owns (created empty for it).
 */
public record PostgresService(String host, int port, String database, String user, String password,
                              String schema, String source) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database
                + (schema == null ? "" : "?currentSchema=" + schema);
    }

    /** R2DBC URL; the schema goes into the driver's {@code schema} option. */
    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database
                + (schema == null ? "" : "?schema=" + schema);
    }

    PostgresService withSchema(String newSchema) {
        return new PostgresService(host, port, database, user, password, newSchema, source);
    }
}
