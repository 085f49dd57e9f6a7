package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.tracing.SpanLogExporter;
import dev.seatflow.testkit.RealServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class TracePropagationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void theCallersTraceIdTravelsWithTheCommandToItsEvents(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        String token = platform.token(tenant, "ada", Role.ADMIN);

        String answered = platform.client().post().uri("/api/v1/licenses")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tier", "PRO", "expiry_date", "2030-01-01T00:00:00Z"))
                .exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseHeaders().getFirst("traceparent");
        assertThat(answered).startsWith("00-" + TRACE_ID + "-").doesNotContain("00f067aa0ba902b7");

        TopicCatalog topics = new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded()), platform.services().namespace().topicPrefix());
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.services().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, platform.services().namespace().applicationId("trace-" + tenant),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.events().name()));
            List<String> traceparents = new ArrayList<>();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (new String(record.key(), StandardCharsets.UTF_8).equals(tenant) && record.headers().lastHeader("traceparent") != null) {
                        traceparents.add(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII));
                    }
                });
                return !traceparents.isEmpty();
            });
            // The events carry the processor's decision span: same trace, the gateway's span as parent.
            assertThat(traceparents).singleElement().satisfies(traceparent ->
                    assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").isNotEqualTo(answered));
        }
    }

    @Test
    void oneTraceJoinsTheRequestItsDecisionAndTheAuditAndMirrorWritesItCaused(GatewayPlatform platform) {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        Logger spanLog = (Logger) LoggerFactory.getLogger(SpanLogExporter.LOGGER);
        ListAppender<ILoggingEvent> spans = new ListAppender<>();
        spans.start();
        spanLog.addAppender(spans);
        spanLog.setLevel(Level.INFO);
        try {
            String token = platform.token(GatewayPlatform.newTenant(), "ada", Role.ADMIN);
            platform.client().post().uri("/api/v1/licenses")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("tier", "PRO", "expiry_date", "2030-01-01T00:00:00Z"))
                    .exchange().expectStatus().isCreated();

            // Spans are exported in batches every few seconds.
            Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
                Map<String, Map<String, String>> byName = new HashMap<>();
                List.copyOf(spans.list).stream().map(TracePropagationTest::fields).filter(span -> traceId.equals(span.get("trace_id")))
                        .forEach(span -> byName.put(span.get("span_name"), span));
                assertThat(byName).containsKeys("http post /api/v1/licenses", "decide CreateLicense", "audit-sink write", "redis-mirror write");
                Map<String, String> server = byName.get("http post /api/v1/licenses");
                Map<String, String> decision = byName.get("decide CreateLicense");
                assertThat(server).containsEntry("parent_span_id", "b7ad6b7169203331");
                assertThat(decision).containsEntry("parent_span_id", server.get("span_id"));
                assertThat(byName.get("audit-sink write")).containsEntry("parent_span_id", decision.get("span_id"));
                assertThat(byName.get("redis-mirror write")).containsEntry("parent_span_id", decision.get("span_id"));
            });
        } finally {
            spanLog.detachAppender(spans);
        }
    }

    private static Map<String, String> fields(ILoggingEvent event) {
        Map<String, String> fields = new HashMap<>();
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> fields.put(pair.key, String.valueOf(pair.value)));
        }
        return fields;
    }
}
