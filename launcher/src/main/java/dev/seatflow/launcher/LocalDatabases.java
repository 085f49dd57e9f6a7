package dev.seatflow.launcher;

import dev.seatflow.launcher.LaunchOptions.PostgresTarget;
import dev.seatflow.localinfra.EmbeddedPostgresServer;
import dev.seatflow.localinfra.EmbeddedRedisServer;
import dev.seatflow.localinfra.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Postgres and Redis for the local platform: the configured servers when they answer,
 * otherwise embedded ones whose data lives in the data directory.
 */
final class LocalDatabases {

    private static final Logger log = LoggerFactory.getLogger(LocalDatabases.class);

    private final Path dataDir;
    private final Consumer<AutoCloseable> onStarted;

    LocalDatabases(Path dataDir, Consumer<AutoCloseable> onStarted) {
        this.dataDir = dataDir;
        this.onStarted = onStarted;
    }

    record Postgres(String host, int port, String database, String user, String password, String schema, String source) {
    }

    Postgres postgres(PostgresTarget target, boolean forceEmbedded) {
        Postgres chosen;
        if (!forceEmbedded && FreePorts.reachable(target.host(), target.port(), 1000)) {
            chosen = new Postgres(target.host(), target.port(), target.database(), target.user(), target.password(),
                    target.schema(), "local server");
        } else if (!forceEmbedded && !isLoopback(target.host())) {
            throw new IllegalStateException("configured Postgres " + target.host() + ":" + target.port() + " does not answer");
        } else {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), freeOr(target.port()));
            onStarted.accept(server);
            chosen = new Postgres("127.0.0.1", server.port(), target.database(), "postgres", "", target.schema(), "embedded");
        }
        prepare(chosen);
        log.info("postgres: {} at {}:{}/{} (schema {})", chosen.source(), chosen.host(), chosen.port(), chosen.database(), chosen.schema());
        return chosen;
    }

    String redis(String uri, boolean forceEmbedded) {
        URI parsed = URI.create(uri);
        if (!forceEmbedded && FreePorts.reachable(parsed.getHost(), parsed.getPort(), 1000)) {
            log.info("redis: local server at {}", uri);
            return uri;
        }
        EmbeddedRedisServer server = EmbeddedRedisServer.start(dataDir.resolve("redis"), freeOr(parsed.getPort()));
        onStarted.accept(server);
        log.info("redis: embedded at {}", server.uri());
        return server.uri();
    }

    /** Creates the database and schema when they do not exist yet. */
    private static void prepare(Postgres target) {
        String server = "jdbc:postgresql://" + target.host() + ":" + target.port() + "/";
        try (Connection admin = DriverManager.getConnection(server + "postgres", target.user(), target.password());
             PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, target.database());
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = admin.createStatement()) {
                        create.execute("CREATE DATABASE \"" + target.database().replace("\"", "") + "\"");
                        log.info("created database {}", target.database());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + target.database() + ": " + e.getMessage(), e);
        }
        try (Connection db = DriverManager.getConnection(server + target.database(), target.user(), target.password());
             Statement statement = db.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + target.schema().replace("\"", "") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare schema " + target.schema() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    private static int freeOr(int port) {
        return port == 0 || FreePorts.reachable("127.0.0.1", port, 200) ? FreePorts.pick() : port;
    }
}
