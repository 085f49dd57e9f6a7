package dev.seatflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import dev.seatflow.testkit.ThreadDump;
import io.lettuce.core.RedisClient;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@RealServices
class LocalPlatformTest {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatformTest.class);

    /** HTTP/1.1 as the services speak it (no h2c upgrade attempts). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void startsEveryServiceReadyAndKeepsKafkaDataAcrossARestart(TestServices services) throws Exception {
        Path dataDir = workDir(services, "kit-stores");
        List<String> args = new ArrayList<>(List.of("--data-dir=" + dataDir, "--kafka-port=0",
                "--gateway-port=0", "--processor-port=0", "--audit-port=0", "--warner-port=0",
                "--redis-uri=" + services.redis().uri()));
        args.addAll(postgresArgs(services.postgres()));
        String topic;

        try (LocalPlatform platform = LocalPlatform.start(LaunchOptions.parse(args.toArray(String[]::new)))) {
            assertEveryServiceReady(platform, "kafka", "redis", "postgres");
            assertListensOnLoopbackOnly(platform.servicePorts().get("api-gateway"));
            for (int management : platform.managementPorts().values()) {
                assertListensOnLoopbackOnly(management);
            }
            topic = new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded())).events().name();
            produce(platform.kafkaBootstrap(), topic, "kept across restart");
        }

        try (LocalPlatform platform = LocalPlatform.start(LaunchOptions.parse(args.toArray(String[]::new)))) {
            assertEveryServiceReady(platform, "kafka");
            assertThat(consumeAll(platform.kafkaBootstrap(), topic)).containsExactly("kept across restart");
        }

        args.add("--wipe");
        try (LocalPlatform platform = LocalPlatform.start(LaunchOptions.parse(args.toArray(String[]::new)))) {
            assertThat(consumeAll(platform.kafkaBootstrap(), topic)).isEmpty();
        }
    }

    @Test
    void runsEmbeddedPostgresAndRedisInTheDataDirectoryWhenAsked(TestServices services) throws Exception {
        Path dataDir = workDir(services, "embedded-stores");
        String[] args = {"--data-dir=" + dataDir, "--kafka-port=0", "--embedded-postgres", "--embedded-redis",
                "--postgres-port=0", "--redis-uri=redis://127.0.0.1:0",
                "--gateway-port=0", "--processor-port=0", "--audit-port=0", "--warner-port=0"};

        try (LocalPlatform platform = LocalPlatform.start(LaunchOptions.parse(args))) {
            assertThat(platform.postgres().source()).isEqualTo("embedded");
            assertEveryServiceReady(platform, "kafka", "redis", "postgres");
            redis(platform.redisUri(), "set");
        }
        try (LocalPlatform platform = LocalPlatform.start(LaunchOptions.parse(args))) {
            assertThat(redis(platform.redisUri(), "get")).isEqualTo("kept");
        }
    }

    private static String redis(String uri, String operation) {
        RedisClient client = RedisClient.create(uri);
        try (var connection = client.connect()) {
            return operation.equals("set") ? connection.sync().set("launcher-test", "kept") : connection.sync().get("launcher-test");
        } finally {
            client.shutdown();
        }
    }

    /**
     * Every service answers ready and live, as an orchestrator would see it: polled, since readiness
     * may flap while the freshly started services settle (Streams rebalancing, first fetches).
     */
    private static void assertEveryServiceReady(LocalPlatform platform, String... components) {
        assertThat(platform.servicePorts()).containsOnlyKeys("api-gateway", "seat-processor", "audit-sink", "expiry-warner");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (var service : platform.servicePorts().entrySet()) {
                HttpResponse<String> ready = get(service.getValue(), "/readyz");
                assertThat(ready.statusCode()).as(service.getKey() + " ready: " + ready.body()).isEqualTo(200);
                assertThat(get(service.getValue(), "/livez").statusCode()).isEqualTo(200);
            }
            // Which dependencies are behind it: on the management port, the public probe only says UP.
            assertThat(get(platform.servicePorts().get("api-gateway"), "/readyz").body()).isEqualTo("{\"status\":\"UP\"}");
            String gatewayHealth = get(platform.managementPorts().get("api-gateway"), "/health").body();
            for (String component : components) {
                assertThat(gatewayHealth).contains("\"" + component + "\":{");
            }
            for (var service : platform.managementPorts().entrySet()) {
                assertThat(get(service.getValue(), "/prometheus").body()).as(service.getKey()).contains("application=\"" + service.getKey() + "\"");
            }
            assertThat(get(platform.managementPorts().get("expiry-warner"), "/expiry/dead-letters").statusCode()).isEqualTo(200);
            assertThat(get(platform.servicePorts().get("expiry-warner"), "/expiry/dead-letters").statusCode()).isEqualTo(404);
        });
    }

    /**
     * A probe that gets no answer within 10 s is a failed probe, as for an orchestrator, and the
     * poll goes on; the threads are dumped to the log, since no service should ever keep one waiting.
     */
    private static HttpResponse<String> get(int port, String path) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            ThreadDump.log("GET 127.0.0.1:" + port + path + " got no answer in 10 s");
            throw new AssertionError("GET " + path + " on port " + port + " got no answer in 10 s", e);
        }
    }

    private static void produce(String bootstrap, String topic, String value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "k", value));
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "launcher-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(record -> values.add(record.value()));
                if (!values.isEmpty() && consumer.assignment().size() > 0) {
                    break;
                }
            }
        }
        return values;
    }

    private static List<String> postgresArgs(PostgresService postgres) {
        return List.of("--postgres-host=" + postgres.host(), "--postgres-port=" + postgres.port(),
                "--postgres-database=" + postgres.database(), "--postgres-user=" + postgres.user(),
                "--postgres-password=" + postgres.password(), "--postgres-schema=" + postgres.schema());
    }

    private static Path workDir(TestServices services, String name) {
        return Path.of(System.getProperty("seatflow.test.work-dir", "target/test-work"), services.namespace().id() + "-" + name);
    }

    /** The development token issuer must not be reachable from other machines unless asked for. */
    private static void assertListensOnLoopbackOnly(int port) throws Exception {
        List<InetAddress> external = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address).forEach(external::add);
            }
        }
        if (external.isEmpty()) {
            log.warn("no non-loopback address on this machine: the gateway's bind address was not checked from outside loopback");
            return;
        }
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(0), port), 2_000))
                    .as("the gateway answered on %s", external.get(0)).isInstanceOf(ConnectException.class);
        }
    }
}
