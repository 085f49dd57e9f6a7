package dev.seatflow.testkit;

import dev.seatflow.localinfra.EmbeddedPostgresServer;
import dev.seatflow.localinfra.EmbeddedRedisServer;
import dev.seatflow.localinfra.FreePorts;
import dev.seatflow.localinfra.KraftBroker;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One Kafka, one Postgres and one Redis per test JVM, each started the first time a test asks for
 * it and stopped when the JVM's tests are done. Which kind each one is gets logged once.
 */
final class SharedServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedServices.class);
    private static final String LOCAL_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test";
    private static final String LOCAL_REDIS_URI = "redis://127.0.0.1:6379";

    private final Optional<InfraMode> forced = InfraMode.forced();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path workDir = Path.of(System.getProperty("seatflow.test.work-dir", "target/test-work"));
    private Boolean docker;
    private KafkaService kafka;
    private PostgresService postgres;
    private RedisService redis;
    private Optional<RedisClusterService> redisCluster;
    /** Why the Redis Cluster failed to start: the next test fails with it too rather than start three more servers. */
    private RuntimeException redisClusterFailure;

    synchronized KafkaService kafka() {
        if (kafka == null) {
            kafka = startKafka();
            log.info("test kit: Kafka = {} at {}", kafka.source(), kafka.bootstrapServers());
        }
        return kafka;
    }

    synchronized PostgresService postgres() {
        if (postgres == null) {
            postgres = startPostgres();
            log.info("test kit: Postgres = {} at {}:{}/{}", postgres.source(), postgres.host(), postgres.port(), postgres.database());
        }
        return postgres;
    }

    synchronized RedisService redis() {
        if (redis == null) {
            redis = startRedis();
            log.info("test kit: Redis = {} at {}", redis.source(), redis.uri());
        }
        return redis;
    }

    /** A Redis Cluster of local redis-server processes; empty (logged) where redis-server is not installed. */
    synchronized Optional<RedisClusterService> redisCluster() {
        if (redisClusterFailure != null) {
            throw new IllegalStateException("the Redis Cluster failed to start earlier in this JVM", redisClusterFailure);
        }
        if (redisCluster == null) {
            try {
                redisCluster = RedisClusterService.startIfAvailable();
            } catch (RuntimeException e) {
                redisClusterFailure = e;
                throw e;
            }
            redisCluster.ifPresent(started::push);
        }
        return redisCluster;
    }

    private KafkaService startKafka() {
        String configured = Settings.get("seatflow.test.kafka.bootstrap", "SEATFLOW_TEST_KAFKA_BOOTSTRAP", "");
        InfraMode mode = forced.orElseGet(() -> !configured.isBlank() ? InfraMode.LOCAL
                : dockerAvailable() ? InfraMode.TESTCONTAINERS : InfraMode.EMBEDDED);
        if (mode == InfraMode.LOCAL && !configured.isBlank()) {
            return new KafkaService(configured, "local (SEATFLOW_TEST_KAFKA_BOOTSTRAP)");
        }
        if (mode == InfraMode.TESTCONTAINERS) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1")
                    .withEnv(Map.of(
                            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1",
                            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1",
                            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1",
                            "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
            container.start();
            started.push(container);
            return new KafkaService(container.getBootstrapServers(), "testcontainers (apache/kafka:4.1.1)");
        }
        KraftBroker broker = KraftBroker.start(workDir.resolve("kafka-" + ProcessHandle.current().pid()), 0);
        started.push(broker);
        return new KafkaService(broker.bootstrapServers(),
                mode == InfraMode.LOCAL ? "in-process KRaft broker (no local Kafka configured)" : "embedded (in-process KRaft broker)");
    }

    private PostgresService startPostgres() {
        URI local = URI.create(Settings.get("seatflow.test.postgres.url", "SEATFLOW_TEST_POSTGRES_URL", LOCAL_POSTGRES_URL));
        InfraMode mode = forced.orElseGet(() -> reachable(local) ? InfraMode.LOCAL
                : dockerAvailable() ? InfraMode.TESTCONTAINERS : InfraMode.EMBEDDED);
        return switch (mode) {
            case LOCAL -> {
                String userInfo = local.getUserInfo() == null ? "postgres" : local.getUserInfo();
                String[] credentials = userInfo.split(":", 2);
                yield new PostgresService(local.getHost(), local.getPort(), local.getPath().substring(1), credentials[0],
                        credentials.length > 1 ? credentials[1] : "", null, "local server " + local.getHost() + ":" + local.getPort());
            }
            case TESTCONTAINERS -> {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
                container.start();
                started.push(container);
                yield new PostgresService(container.getHost(), container.getFirstMappedPort(), container.getDatabaseName(),
                        container.getUsername(), container.getPassword(), null, "testcontainers (postgres:16-alpine)");
            }
            case EMBEDDED -> {
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(workDir.resolve("postgres-" + ProcessHandle.current().pid()), 0);
                started.push(server);
                yield new PostgresService("127.0.0.1", server.port(), "postgres", "postgres", "", null, "embedded (zonky Postgres)");
            }
        };
    }

    private RedisService startRedis() {
        URI local = URI.create(Settings.get("seatflow.test.redis.uri", "SEATFLOW_TEST_REDIS_URI", LOCAL_REDIS_URI));
        InfraMode mode = forced.orElseGet(() -> reachable(local) ? InfraMode.LOCAL
                : dockerAvailable() ? InfraMode.TESTCONTAINERS : InfraMode.EMBEDDED);
        return switch (mode) {
            case LOCAL -> new RedisService(local.getHost(), local.getPort(), "local server " + local.getHost() + ":" + local.getPort());
            case TESTCONTAINERS -> {
                GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                container.start();
                started.push(container);
                yield new RedisService(container.getHost(), container.getFirstMappedPort(), "testcontainers (redis:7-alpine)");
            }
            case EMBEDDED -> {
                EmbeddedRedisServer server = EmbeddedRedisServer.start(null, 0);
                started.push(server);
                yield new RedisService("127.0.0.1", server.port(), "embedded (embedded-redis)");
            }
        };
    }

    private boolean dockerAvailable() {
        if (docker == null) {
            docker = DockerClientFactory.instance().isDockerAvailable();
            log.info("test kit: Docker engine {}", docker ? "available" : "not available (Testcontainers not used)");
        }
        return docker;
    }

    private static boolean reachable(URI uri) {
        return FreePorts.reachable(uri.getHost(), uri.getPort(), 500);
    }

    @Override
    public synchronized void close() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
