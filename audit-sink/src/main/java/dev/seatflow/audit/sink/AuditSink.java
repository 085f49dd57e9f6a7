package dev.seatflow.audit.sink;

import dev.seatflow.auditlog.AuditWriter;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.topic.TopicCatalog;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Writes committed events to the audit log: each poll is one Postgres transaction, and offsets are
 * committed only after it is durable. A redelivered event is skipped by the writer; while Postgres
 * is unavailable the same records are retried with backoff, so nothing is lost and nothing doubles.
 * Undecodable events go to the events dead-letter topic with the reason.
 */
public final class AuditSink implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditSink.class);
    static final String DLQ_REASON_HEADER = "seatflow.dlq.reason";

    private final Map<String, Object> consumerSettings;
    private final Map<String, Object> producerSettings;
    private final TopicCatalog topics;
    private final ConnectionFactory connections;
    private final AuditWriter writer = new AuditWriter();
    private final AuditSinkMetrics metrics;
    private final Duration maxBackoff;
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean healthy = true;
    private Thread thread;

    public AuditSink(Map<String, Object> clientSettings, String groupId, TopicCatalog topics, ConnectionFactory connections,
                     AuditSinkSettings settings, AuditSinkMetrics metrics) {
        Map<String, Object> consumer = new HashMap<>(clientSettings);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        this.consumerSettings = consumer;
        Map<String, Object> producer = new HashMap<>(clientSettings);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producerSettings = producer;
        this.topics = topics;
        this.connections = connections;
        this.metrics = metrics;
        this.maxBackoff = settings.maxBackoff();
    }

    /** False while batches keep failing (Postgres unavailable). */
    public boolean isHealthy() {
        return healthy;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "audit-sink");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(topics.events().name(), topics.heartbeats().name()));
            Duration backoff = Duration.ofMillis(100);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    write(records, deadLetters);
                    kafka.commitSync();
                    healthy = true;
                    backoff = Duration.ofMillis(100);
                } catch (RuntimeException e) {
                    healthy = false;
                    metrics.failed();
                    log.warn("audit batch of {} records not written ({}); retrying in {} ms", records.count(), rootMessage(e), backoff.toMillis());
                    for (TopicPartition partition : records.partitions()) {
                        kafka.seek(partition, records.records(partition).get(0).offset());
                    }
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer = null;
        }
    }

    private void write(ConsumerRecords<byte[], byte[]> records, KafkaProducer<byte[], byte[]> deadLetters) {
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
            } catch (SerializationException | NullPointerException e) {
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
        for (ProducerRecord<byte[], byte[]> letter : undecodable) {
            deadLetters.send(letter);
        }
        deadLetters.flush();
        metrics.written(result, undecodable.size());
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, Exception reason) {
        log.error("undecodable record {}-{}@{} sent to the dead-letter topic: {}", record.topic(), record.partition(), record.offset(), reason.getMessage());
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topics.eventsDeadLetter().name(), null, record.key(), record.value(), record.headers());
        letter.headers().add(DLQ_REASON_HEADER, ("undecodable " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + ": " + reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        return letter;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
