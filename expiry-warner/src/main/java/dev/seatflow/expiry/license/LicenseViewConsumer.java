package dev.seatflow.expiry.license;

import dev.seatflow.expiry.warning.ExpiryMetrics;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.topic.TopicCatalog;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code expiry_licenses} in step with the committed license events. Each poll is one
 * Postgres transaction and offsets are committed only after it, so a restart resumes where the
 * view is; while Postgres is unavailable the same records are retried with backoff.
 * Undecodable events are skipped here (the audit sink dead-letters them).
 */
public final class LicenseViewConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LicenseViewConsumer.class);

    private final Map<String, Object> consumerSettings;
    private final TopicCatalog topics;
    private final ConnectionFactory connections;
    private final LicenseViewWriter writer = new LicenseViewWriter();
    private final ExpiryMetrics metrics;
    private final Duration maxBackoff;
    private volatile boolean running;
    private volatile boolean healthy = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public LicenseViewConsumer(Map<String, Object> clientSettings, String groupId, TopicCatalog topics, ConnectionFactory connections,
                               Duration maxBackoff, ExpiryMetrics metrics) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumerSettings = settings;
        this.topics = topics;
        this.connections = connections;
        this.maxBackoff = maxBackoff;
        this.metrics = metrics;
    }

    /** False while batches keep failing (Postgres unavailable). */
    public boolean isHealthy() {
        return healthy;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "expiry-license-view");
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
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(topics.events().name()));
            Duration backoff = Duration.ofMillis(100);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    write(records);
                    kafka.commitSync();
                    healthy = true;
                    backoff = Duration.ofMillis(100);
                } catch (RuntimeException e) {
                    healthy = false;
                    log.warn("license view batch of {} records not written ({}); retrying in {} ms", records.count(), e.getMessage(), backoff.toMillis());
                    for (TopicPartition partition : records.partitions()) {
                        kafka.seek(partition, records.records(partition).get(0).offset());
                    }
                    pause(backoff);
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

    private void write(ConsumerRecords<byte[], byte[]> records) {
        List<LicenseEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                LicenseEvent event = topics.events().valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (event != null) {
                    events.add(event);
                }
            } catch (SerializationException | NullPointerException e) {
                metrics.undecodableEvent();
                log.warn("undecodable event {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        if (events.stream().noneMatch(LicenseViewWriter::concerns)) {
            return;
        }
        long applied = Mono.usingWhen(Mono.from(connections.create()),
                        connection -> Mono.from(connection.beginTransaction())
                                .then(writer.apply(connection, events))
                                .flatMap(count -> Mono.from(connection.commitTransaction()).thenReturn(count))
                                .onErrorResume(error -> Mono.from(connection.rollbackTransaction()).onErrorResume(ignored -> Mono.empty())
                                        .then(Mono.error(error))),
                        Connection::close)
                .block(Duration.ofSeconds(60));
        metrics.licenseEventsApplied(applied);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
