package dev.seatflow.localinfra;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running in this JVM.
 *
 * <p>Set up for exactly-once on one node: transaction and offsets topics with replication factor
 * and min ISR 1 (without them {@code initTransactions()} hangs). The log directory is formatted
 * on first start and reused afterwards, so a restart keeps topics, offsets and data.
 */
public final class KraftBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);

    private final KafkaRaftServer server;
    private final int port;

    private KraftBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker whose data lives in {@code dataDir}.
     *
     * @param port client port; 0 picks a free one
     */
    public static KraftBroker start(Path dataDir, int port) {
        int clientPort = port == 0 ? FreePorts.pick() : port;
        int controllerPort = FreePorts.pick();
        Path logDir = dataDir.toAbsolutePath();
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The active controller appends a no-op record every 500 ms by default (KIP-835) so
                // that brokers can tell it is alive; in this one-node cluster that was a tenth of the
                // idle platform's CPU (raft thread, controller, metadata loader) and tells nobody anything.
                Map.entry("metadata.max.idle.interval.ms", "10000"),
                // The cleaner would otherwise reserve 128 MiB of heap for a handful of compacted topics.
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024)),
                Map.entry("log.flush.interval.messages", Long.toString(Long.MAX_VALUE))));
        try {
            format(logDir);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            KraftBroker broker = new KraftBroker(server, clientPort);
            broker.awaitReady(Duration.ofSeconds(60));
            log.info("kafka broker (in-process KRaft) ready at {} data={}", broker.bootstrapServers(), logDir);
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start in-process Kafka broker on port " + clientPort + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("kafka broker at {} stopped", bootstrapServers());
    }

    private static void format(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(logDir);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setDirectories(java.util.List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setIgnoreFormatted(true)
                .run();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("broker not ready after " + timeout, e);
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
        }
    }
}
