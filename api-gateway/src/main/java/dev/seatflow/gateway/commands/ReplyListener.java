package dev.seatflow.gateway.commands;

import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this instance's reply partitions (committed decisions only) from their end and hands each
 * decision to the request waiting for it. It does not join a consumer group: partitions are
 * assigned by configuration, one set per gateway instance.
 */
final class ReplyListener {

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);

    private final Map<String, Object> settings;
    private final Topic<String, SeatDecision> replies;
    private final List<Integer> partitions;
    private final PendingDecisions pending;
    private final MeterRegistry meters;
    private volatile boolean running;
    private volatile boolean positioned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    ReplyListener(Map<String, Object> clientSettings, Topic<String, SeatDecision> replies, List<Integer> partitions,
                  PendingDecisions pending, MeterRegistry meters) {
        this.meters = meters;
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        this.settings = config;
        this.replies = replies;
        this.partitions = List.copyOf(partitions);
        this.pending = pending;
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "reply-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the listener reads from the end of its partitions: replies sent from now on are seen. */
    boolean isPositioned() {
        return positioned && running;
    }

    private void run() {
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(replies.name(), p)).toList();
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
                 KafkaClientMetrics metrics = new KafkaClientMetrics(kafka)) {
                metrics.bindTo(meters);
                consumer = kafka;
                kafka.assign(assigned);
                kafka.seekToEnd(assigned);
                assigned.forEach(kafka::position);
                positioned = true;
                log.info("reading decisions from {} partitions {}", replies.name(), partitions);
                while (running) {
                    kafka.poll(Duration.ofMillis(100)).forEach(record -> {
                        try {
                            pending.decided(replies.valueSerde().deserializer().deserialize(record.topic(), record.value()));
                        } catch (SerializationException e) {
                            log.error("skipping an undecodable reply at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                        }
                    });
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                positioned = false;
                log.warn("reply listener failed ({}); reconnecting", e.getMessage());
            } finally {
                consumer = null;
            }
        }
    }
}
