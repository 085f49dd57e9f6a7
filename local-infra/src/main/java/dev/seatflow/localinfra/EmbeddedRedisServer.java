package dev.seatflow.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server (binary shipped in the embedded-redis jar). With a data directory it keeps
 * an append-only file there, so a restart keeps the mirror; without one it keeps nothing.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * @param dataDir where to keep the append-only file; null for no persistence
     * @param port 0 picks a free one
     */
    public static EmbeddedRedisServer start(Path dataDir, int port) {
        int chosen = port == 0 ? FreePorts.pick() : port;
        try {
            var builder = RedisServer.newRedisServer().port(chosen).bind("127.0.0.1").setting("save \"\"");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setting("dir " + dataDir.toAbsolutePath()).setting("appendonly yes");
            } else {
                builder.setting("appendonly no");
            }
            RedisServer server = builder.build();
            server.start();
            log.info("redis (embedded) ready at redis://127.0.0.1:{} data={}", chosen, dataDir == null ? "none" : dataDir.toAbsolutePath());
            return new EmbeddedRedisServer(server, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis on port " + chosen + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
            log.info("redis (embedded) on port {} stopped", port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
