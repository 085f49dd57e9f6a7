package dev.seatflow.audit.sink;

import dev.seatflow.auditlog.AuditWriter;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.kafka.RetryingConsumer;
import dev.seatflow.support.tracing.RecordSpans;
import io.opentelemetry.api.trace.Tracer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Writes committed events to the audit log: each poll is one Postgres transaction, and the
 * {@link RetryingConsumer} commits offsets only after it is durable (and retries the same records
 * while Postgres is away). A redelivered event is skipped by the writer. Undecodable events go to
 * the events dead-letter topic with the reason.
 */
public final class AuditSink implements RetryingConsumer.BatchHandler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditSink.class);
    static final String DLQ_REASON_HEADER = "seatflow.dlq.reason";

    private final TopicCatalog topics;
    private final ConnectionFactory connections;
    private final AuditWriter writer = new AuditWriter();
    private final AuditSinkMetrics metrics;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final RecordSpans spans;

    public AuditSink(Map<String, Object> clientSettings, TopicCatalog topics, ConnectionFactory connections, AuditSinkMetrics metrics,
                     Tracer tracer) {
        this.spans = new RecordSpans(tracer, "audit-sink write");
        Map<String, Object> producer = new HashMap<>(clientSettings);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.deadLetters = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.connections = connections;
        this.metrics = metrics;
    }

    /** Consumer settings: committed events only, offsets committed by hand after each transaction. */
    public static Map<String, Object> consumerSettings(Map<String, Object> clientSettings, String groupId, int batchSize) {
        Map<String, Object> consumer = new HashMap<>(clientSettings);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        return consumer;
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
        if (records.isEmpty()) {
            return;
        }
        spans.around(records, () -> write(records));
    }

    private void write(ConsumerRecords<byte[], byte[]> records) {
        List<LicenseEvent> events = new ArrayList<>();
        List<SessionHeartbeat> heartbeats = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> undecodable = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                if (record.topic().equals(topics.events().name())) {
                    events.add(topics.events().valueSerde().deserializer().deserialize(record.topic(), record.value()));
                } else {
                    heartbeats.add(topics.heartbeats().valueSerde().deserializer().deserialize(record.topic(), record.value()));
                }
            } catch (SerializationException e) {
                // Only bytes that cannot be decoded go aside; any other failure fails the batch and is retried.
                undecodable.add(deadLetter(record, e));
            }
        }
        events.removeIf(java.util.Objects::isNull);
        heartbeats.removeIf(java.util.Objects::isNull);
        AuditWriter.BatchResult result = Mono.usingWhen(Mono.from(connections.create()),
                        connection -> Mono.from(connection.beginTransaction())
                                .then(writer.append(connection, events, heartbeats))
                                .flatMap(written -> Mono.from(connection.commitTransaction()).thenReturn(written))
                                .onErrorResume(error -> Mono.from(connection.rollbackTransaction()).onErrorResume(ignored -> Mono.empty())
                                        .then(Mono.error(error))),
                        Connection::close)
                .block(Duration.ofSeconds(60));
        // After the commit: while Postgres is away the batch is retried without filling the dead-letter topic
        // with copies; if this send fails, the retry rewrites nothing (redelivered events are skipped) and sends again.
        sendDeadLetters(undecodable);
        metrics.written(records, result, undecodable.size());
    }

    /** Waits until the dead-letter topic has them: a record is set aside, never dropped. */
    private void sendDeadLetters(List<ProducerRecord<byte[], byte[]>> letters) {
        List<Future<RecordMetadata>> sent = letters.stream().map(deadLetters::send).toList();
        try {
            for (Future<RecordMetadata> ack : sent) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the dead-letter topic did not take an undecodable record", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting undecodable records aside", e);
        }
    }

    @Override
    public void failed(RuntimeException error) {
        metrics.failed();
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, Exception reason) {
        log.error("undecodable record {}-{}@{} sent to the dead-letter topic: {}", record.topic(), record.partition(), record.offset(), reason.getMessage());
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topics.eventsDeadLetter().name(), null, record.key(), record.value(), record.headers());
        letter.headers().add(DLQ_REASON_HEADER, ("undecodable " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + ": " + reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        return letter;
    }

    @Override
    public void close() {
        deadLetters.close(Duration.ofSeconds(5));
    }
}
