package dev.seatflow.bench.system;

import dev.seatflow.bench.BenchOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the two systems of a run in JVMs of their own, on free ports, against the machine's
 * Postgres and Redis, each run in a Postgres schema and Redis key space of its own; removes all of
 * it afterwards (child logs stay under the work directory).
 */
public final class Launchers {

    private static final Logger log = LoggerFactory.getLogger(Launchers.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final BenchOptions options;
    private final String runId;
    private final Path runDir;

    public Launchers(BenchOptions options, String runId) {
        this.options = options;
        this.runId = runId;
        this.runDir = options.workDir().resolve(runId).toAbsolutePath();
    }

    /** Seatflow as {@code ./seatflow} runs it (all four services and an embedded Kafka in one JVM), rate limit off. */
    public Target platform() {
        ensureDatabase();
        int gateway = freePort();
        int processor = freePort();
        int audit = freePort();
        // Metrics are on the services' management ports (loopback), free ones here like the HTTP ports.
        int gatewayManagement = freePort();
        int processorManagement = freePort();
        int auditManagement = freePort();
        List<String> command = new ArrayList<>(java(options.platformJvmOptions()));
        command.add("-Dseatflow.redis.key-prefix=" + platformKeyPrefix());
        command.add("-Dseatflow.gateway.rate-limit.enabled=false");
        command.add("-Dseatflow.gateway.signing.local-algorithm=" + options.signing());
        options.platformProps().forEach(prop -> command.add("-D" + prop));
        BenchOptions.Postgres pg = options.postgres();
        command.addAll(List.of("-jar", options.launcherJar().toAbsolutePath().toString(),
                "--data-dir=" + runDir.resolve("platform"), "--wipe",
                "--kafka-port=" + freePort(), "--gateway-port=" + gateway, "--processor-port=" + processor,
                "--audit-port=" + audit, "--warner-port=" + freePort(),
                "--gateway-management-port=" + gatewayManagement, "--processor-management-port=" + processorManagement,
                "--audit-management-port=" + auditManagement, "--warner-management-port=" + freePort(),
                "--postgres-host=" + pg.host(), "--postgres-port=" + pg.port(), "--postgres-user=" + pg.user(),
                "--postgres-password=" + pg.password(), "--postgres-database=" + pg.database(),
                "--postgres-schema=" + platformSchema(), "--redis-uri=" + options.redisUri()));
        return started("seatflow", command, gateway, gatewayManagement,
                List.of("http://127.0.0.1:" + processorManagement, "http://127.0.0.1:" + auditManagement));
    }

    /** The original design's per-request work behind the same HTTP stack (this jar's {@code baseline-server}). */
    public Target baseline() {
        ensureDatabase();
        int port = freePort();
        int management = freePort();
        BenchOptions.Postgres pg = options.postgres();
        List<String> command = new ArrayList<>(java(options.baselineJvmOptions()));
        command.addAll(List.of("-jar", benchJar(), "baseline-server",
                "--server.port=" + port, "--management.server.port=" + management, "--management.server.address=127.0.0.1",
                "--seatflow.redis.uri=" + options.redisUri(),
                "--spring.datasource.url=" + pg.jdbcUrl(pg.database(), baselineSchema()),
                "--spring.datasource.username=" + pg.user(), "--spring.datasource.password=" + pg.password(),
                "--bench.baseline.schema=" + baselineSchema(),
                "--seatflow.gateway.auth.local-issuer-key-dir=" + runDir.resolve("baseline/dev-issuer"),
                "--seatflow.gateway.signing.local-key-dir=" + runDir.resolve("baseline/signing-keys"),
                "--seatflow.gateway.signing.local-algorithm=" + options.signing()));
        return started("baseline", command, port, management, List.of());
    }

    /** Drops this run's schemas. */
    public void cleanPostgres() {
        try (Connection c = connect(options.postgres().database()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + platformSchema() + " CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + baselineSchema() + " CASCADE");
        } catch (SQLException e) {
            log.warn("cannot drop this run's schemas: {}", e.getMessage());
        }
    }

    /** Deletes the platform's key space and the baseline's keys of tenants named {@code tenantPrefix}*. */
    public void cleanRedis(String tenantPrefix) {
        RedisClient client = RedisClient.create(options.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            long deleted = deleteMatching(redis, platformKeyPrefix() + "*");
            for (String key : scan(redis, "tenant:" + tenantPrefix + "*")) {
                if (key.endsWith(":active_sessions")) {
                    redis.smembers(key).forEach(session -> redis.del("session:" + session));
                }
                deleted += redis.del(key);
            }
            log.info("removed {} Redis keys of this run", deleted);
        } catch (RuntimeException e) {
            log.warn("cannot clean Redis: {}", e.getMessage());
        } finally {
            client.shutdown();
        }
    }

    /** Removes the systems' data directories (Kafka logs, state stores, keys); child logs stay. */
    public void cleanDataDirs() {
        for (Path dir : List.of(runDir.resolve("platform"), runDir.resolve("baseline"))) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", dir, e.toString());
            }
        }
    }

    private Target started(String name, List<String> command, int port, int managementPort, List<String> serviceManagementUrls) {
        ChildProcess process = ChildProcess.start(name, command, runDir.resolve(name + ".log"));
        try {
            process.awaitReady("http://127.0.0.1:" + port + "/readyz", START_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new Target(name, "http://127.0.0.1:" + port, "http://127.0.0.1:" + managementPort, process, serviceManagementUrls);
    }

    private String platformKeyPrefix() {
        return "bench-" + runId + ":";
    }

    private String platformSchema() {
        return "run_" + runId;
    }

    private String baselineSchema() {
        return "baseline_" + runId;
    }

    private void ensureDatabase() {
        String database = options.postgres().database();
        try (Connection c = connect("postgres");
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next()) {
                    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw new IllegalArgumentException("--pg-database must be a plain identifier");
                    }
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                    log.info("created database {}", database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach Postgres at " + options.postgres().host() + ":" + options.postgres().port()
                    + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        BenchOptions.Postgres pg = options.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(database, null), pg.user(), pg.password());
    }

    private static long deleteMatching(RedisCommands<String, String> redis, String pattern) {
        long deleted = 0;
        for (String key : scan(redis, pattern)) {
            deleted += redis.del(key);
        }
        return deleted;
    }

    private static List<String> scan(RedisCommands<String, String> redis, String pattern) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    private static List<String> java(String jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        }
        return command;
    }

    /** This harness's own jar ({@code java -jar seatflow-bench.jar} puts exactly it on the class path). */
    private static String benchJar() {
        String classPath = System.getProperty("java.class.path");
        if (classPath == null || !classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            throw new IllegalStateException("the baseline is started from the bench jar: run java -jar bench/target/seatflow-bench.jar");
        }
        return Path.of(classPath).toAbsolutePath().toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
