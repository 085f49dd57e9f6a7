package dev.seatflow.testkit;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis Cluster of three masters (no replicas), each a {@code redis-server --cluster-enabled
 * yes} process of the machine's Redis (Debian's {@code /usr/bin/redis-server}, or
 * {@code seatflow.test.redis-server}) on free ports, its files in a temporary directory. The slots are
 * split in three with {@code CLUSTER ADDSLOTSRANGE}, the nodes joined with {@code CLUSTER MEET}.
 * Tests share one per JVM (keys under their own prefix); it stops with the JVM's services.
 */
public final class RedisClusterService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterService.class);
    private static final int NODES = 3;
    /** A node's cluster bus listens on its port + 10000. */
    private static final int BUS_OFFSET = 10_000;

    private final List<Process> processes;
    private final List<Integer> ports;
    private final Path dir;

    private RedisClusterService(List<Process> processes, List<Integer> ports, Path dir) {
        this.processes = processes;
        this.ports = ports;
        this.dir = dir;
    }

    /**
     * The cluster, or empty (with the reason logged) where no redis-server binary is installed,
     * unless {@code seatflow.test.require-redis-cluster} is true (CI): then that is a failure.
     */
    static Optional<RedisClusterService> startIfAvailable() {
        Path binary = Path.of(Settings.get("seatflow.test.redis-server", "SEATFLOW_TEST_REDIS_SERVER", "/usr/bin/redis-server"));
        if (!Files.isExecutable(binary)) {
            String why = binary + " is not an executable redis-server (install Debian's redis-server)";
            if (Boolean.parseBoolean(Settings.get("seatflow.test.require-redis-cluster", "SEATFLOW_TEST_REQUIRE_REDIS_CLUSTER", "false"))) {
                throw new IllegalStateException("a Redis Cluster is required (seatflow.test.require-redis-cluster) but " + why);
            }
            log.warn("test kit: no Redis Cluster: {}", why);
            return Optional.empty();
        }
        try {
            return Optional.of(start(binary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedisClusterService start(Path binary) throws IOException {
        Path dir = Files.createTempDirectory("seatflow-redis-cluster-");
        List<Process> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        RedisClusterService cluster = new RedisClusterService(processes, ports, dir);
        // A JVM that ends without closing its services (killed fork, System.exit) leaves no redis-server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroy), "redis-cluster-stop"));
        try {
            for (int i = 0; i < NODES; i++) {
                int port = freePortWithFreeBus(ports);
                ports.add(port);
                processes.add(new ProcessBuilder(binary.toString(),
                        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(), "--dir", dir.toString(),
                        "--save", "", "--appendonly", "no", "--logfile", dir.resolve("redis-" + port + ".log").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout-" + port + ".log").toFile()).start());
            }
            cluster.form();
            log.info("test kit: Redis Cluster of {} masters at 127.0.0.1:{} ({})", NODES, ports, binary);
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
    }

    /** Slots split in three, nodes met, then every node must say {@code cluster_state:ok}. */
    private void form() {
        RedisClient client = RedisClient.create();
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                int port = ports.get(i);
                Process process = processes.get(i);
                // The port was free when chosen; another process may have taken it since (redis-server then exits).
                connections.add(Awaitility.await("redis-server on port " + port).atMost(Duration.ofSeconds(20))
                        .failFast("redis-server on port " + port + " exited (port taken meanwhile?), see "
                                + dir.resolve("redis-" + port + ".log"), () -> !process.isAlive())
                        .ignoreExceptions().until(() -> client.connect(RedisURI.create("127.0.0.1", port)), c -> c != null));
            }
            for (int i = 0; i < NODES; i++) {
                connections.get(i).sync().clusterAddSlotsRange(Range.create(firstSlot(i), firstSlot(i + 1) - 1));
            }
            for (int i = 1; i < NODES; i++) {
                connections.get(0).sync().clusterMeet("127.0.0.1", ports.get(i));
            }
            for (StatefulRedisConnection<String, String> connection : connections) {
                Awaitility.await("cluster_state:ok").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> connection.sync().clusterInfo().contains("cluster_state:ok"));
            }
        } finally {
            connections.forEach(StatefulRedisConnection::close);
            client.shutdown();
        }
    }

    /** The first slot of the node's share, the slots split in three (0, 5461, 10922); {@code NODES} gives the end. */
    private static int firstSlot(int node) {
        return node == NODES ? SlotHash.SLOT_COUNT : node * (SlotHash.SLOT_COUNT / NODES);
    }

    /** Which master (0, 1 or 2, in the order of {@link #ports}) serves the key's slot. */
    public int masterOf(String key) {
        int slot = SlotHash.getSlot(key);
        int node = 0;
        while (slot >= firstSlot(node + 1)) {
            node++;
        }
        return node;
    }

    /** A seed node for the cluster client: it discovers the others. */
    public String uri() {
        return "redis://127.0.0.1:" + ports.get(0);
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    private static int freePortWithFreeBus(List<Integer> taken) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port + BUS_OFFSET <= 65_535 && !taken.contains(port) && !taken.contains(port + BUS_OFFSET) && free(port + BUS_OFFSET)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port pair (port, port + 10000) found for a Redis Cluster node");
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot remove the Redis Cluster's directory {}: {}", dir, e.getMessage());
        }
    }
}
