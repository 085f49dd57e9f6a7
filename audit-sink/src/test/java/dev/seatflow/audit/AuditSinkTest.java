package dev.seatflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.auditlog.AuditVerifier;
import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.testkit.CommandClient;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.ServiceArguments;
import dev.seatflow.testkit.TcpProxy;
import dev.seatflow.testkit.TestServices;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

@RealServices
class AuditSinkTest {

    @Test
    void everyEventLandsExactlyOnceInTheChainEvenWhenPostgresGoesAwayMidStream(TestServices services) throws Exception {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 1);
        PostgresService postgres = services.postgres();
        try (var proxy = new TcpProxy(postgres.host(), postgres.port());
             ConfigurableApplicationContext processor = SeatProcessorApplication.application()
                     .run(ServiceArguments.processor(services, "audit").toArray(String[]::new));
             ConfigurableApplicationContext sink = AuditSinkApplication.application().run(sinkArguments(services, proxy));
             var client = new CommandClient(services.kafka().bootstrapServers(), topics)) {
            client.setUpTenant("acme", 50, "KEY-1");
            acquire(client, 0, 20);
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> rows(postgres, "acme") == 22);

            proxy.cut();
            acquire(client, 20, 40);
            Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                    client(sink).get().uri("/readyz").exchange().expectStatus().isEqualTo(503));
            proxy.restore();

            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> rows(postgres, "acme") == 42);
            assertThat(count(postgres, "SELECT count(DISTINCT sequence) FROM audit_logs WHERE tenant_id = 'acme'")).isEqualTo(42);
            assertThat(count(postgres, "SELECT max(sequence) FROM audit_logs WHERE tenant_id = 'acme'")).isEqualTo(42);
            assertThat(count(postgres, "SELECT count(*) FROM license_sessions WHERE tenant_id = 'acme'")).isEqualTo(40);
            AuditVerifier.Verification verification = new AuditVerifier(ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl())
                    .mutate().option(ConnectionFactoryOptions.USER, postgres.user()).option(ConnectionFactoryOptions.PASSWORD, postgres.password())
                    .build())).verify("acme").block();
            assertThat(verification.valid()).as(String.valueOf(verification.problems())).isTrue();
            Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                    client(sink).get().uri("/readyz").exchange().expectStatus().isOk());
        }
    }

    @Test
    void sendsAnUndecodableEventToTheDeadLetterTopicWithTheReasonAndGoesOn(TestServices services) {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 1);
        try (ConfigurableApplicationContext sink = AuditSinkApplication.application().run(sinkArguments(services, null));
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer());
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, services.namespace().applicationId("dlq-reader"),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            producer.send(new ProducerRecord<>(topics.events().name(), "acme".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            consumer.subscribe(List.of(topics.eventsDeadLetter().name()));
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                return !letters.isEmpty();
            });
            assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
            assertThat(new String(letters.get(0).headers().lastHeader("seatflow.dlq.reason").value(), StandardCharsets.UTF_8)).startsWith("undecodable");
        }
    }

    private static void acquire(CommandClient client, int from, int to) {
        for (int i = from; i < to; i++) {
            client.send(client.command("acme", new Actor("user-" + i, Role.MEMBER), new AcquireSeat("KEY-1", "hw-" + i)));
        }
        client.flush();
    }

    private static String[] sinkArguments(TestServices services, TcpProxy proxy) {
        List<String> args = new ArrayList<>(ServiceArguments.common(services));
        args.addAll(ServiceArguments.postgres(services.postgres()));
        if (proxy != null) {
            args.removeIf(arg -> arg.startsWith("--seatflow.postgres.port="));
            args.add("--seatflow.postgres.port=" + proxy.port());
        }
        args.add("--seatflow.postgres.migrate=true");
        args.add("--seatflow.audit.max-backoff=1s");
        return args.toArray(String[]::new);
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort()).build();
    }

    private static long rows(PostgresService postgres, String tenant) throws SQLException {
        return count(postgres, "SELECT count(*) FROM audit_logs WHERE tenant_id = '" + tenant + "'");
    }

    private static long count(PostgresService postgres, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
