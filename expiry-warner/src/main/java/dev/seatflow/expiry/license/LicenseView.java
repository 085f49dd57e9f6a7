package dev.seatflow.expiry.license;

import dev.seatflow.expiry.warning.ExpiryMetrics;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.kafka.RetryingConsumer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code expiry_licenses} in step with the committed license events: each poll is one
 * Postgres transaction, and the {@link RetryingConsumer} commits offsets only after it (and
 * retries the same records while Postgres is away), so a restart resumes where the view is.
 * Undecodable events are skipped here: the audit sink dead-letters them.
 */
public final class LicenseView implements RetryingConsumer.BatchHandler {

    private static final Logger log = LoggerFactory.getLogger(LicenseView.class);

    private final TopicCatalog topics;
    private final ConnectionFactory connections;
    private final LicenseViewWriter writer = new LicenseViewWriter();
    private final ExpiryMetrics metrics;

    public LicenseView(TopicCatalog topics, ConnectionFactory connections, ExpiryMetrics metrics) {
        this.topics = topics;
        this.connections = connections;
        this.metrics = metrics;
    }

    /** Committed events only, offsets committed by hand after each transaction. */
    public static Map<String, Object> consumerSettings(Map<String, Object> clientSettings, String groupId) {
        Map<String, Object> consumer = new HashMap<>(clientSettings);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return consumer;
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
        List<LicenseEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                LicenseEvent event = topics.events().valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (event != null) {
                    events.add(event);
                }
            } catch (SerializationException e) {
                // The audit sink sets such an event aside in the dead-letter topic; this view has nothing to apply from it.
                metrics.undecodableEvent();
                log.error("undecodable event {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        if (events.stream().noneMatch(LicenseViewWriter::concerns)) {
            return;
        }
        Long applied = Mono.usingWhen(Mono.from(connections.create()),
                        connection -> Mono.from(connection.beginTransaction())
                                .then(writer.apply(connection, events))
                                .flatMap(count -> Mono.from(connection.commitTransaction()).thenReturn(count))
                                .onErrorResume(error -> Mono.from(connection.rollbackTransaction()).onErrorResume(ignored -> Mono.empty())
                                        .then(Mono.error(error))),
                        Connection::close)
                .block(Duration.ofSeconds(60));
        metrics.licenseEventsApplied(applied == null ? 0 : applied);
    }
}
