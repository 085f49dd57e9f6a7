package dev.seatflow.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries shipped in the zonky jar) whose cluster lives in
 * {@code dataDir}; kept across restarts. User {@code postgres}, trust auth, loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** @param port 0 picks a free one */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setPort(port == 0 ? FreePorts.pick() : port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            log.info("postgres (embedded) ready at {} data={}", server.jdbcUrl("postgres"), dataDir.toAbsolutePath());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Postgres in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("postgres (embedded) on port {} stopped", port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
