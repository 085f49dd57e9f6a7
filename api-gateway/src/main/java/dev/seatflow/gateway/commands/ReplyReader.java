package dev.seatflow.gateway.commands;

import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.CommandPosition;
import dev.seatflow.schemas.topic.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * Reads this instance's reply partitions, at one isolation level, and hands each decision on. It
 * does not join a consumer group: partitions are assigned by configuration, one set per gateway
 * instance. It starts at the end of its partitions; after a failure it reconnects with backoff
 * and goes on from where it was, so no reply written in between is missed.
 */
final class ReplyReader {

    private static final Logger log = LoggerFactory.getLogger(ReplyReader.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String name;
    private final Map<String, Object> settings;
    private final Topic<String, SeatDecision> replies;
    private final List<TopicPartition> partitions;
    private final Consumer<Reply> handler;
    private final MeterRegistry meters;
    /** Next offset to read, by partition, once positioned: where a reconnect goes on from. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile boolean running;
    private volatile boolean positioned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param isolation {@code read_uncommitted} (replies as soon as written) or {@code read_committed}
     * @param fetchMaxWait how long the broker may hold a fetch when no reply is there; a reply that
     *     arrives ends the wait, so this costs idle fetches, not latency
     */
    ReplyReader(String name, Map<String, Object> clientSettings, String isolation, Duration fetchMaxWait,
                Topic<String, SeatDecision> replies, List<Integer> partitions, Consumer<Reply> handler, MeterRegistry meters) {
        this.name = name;
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-" + name);
        this.settings = config;
        this.replies = replies;
        this.partitions = partitions.stream().map(p -> new TopicPartition(replies.name(), p)).toList();
        this.handler = handler;
        this.meters = meters;
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "reply-reader-" + name);
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

    /** True once the reader is positioned on all its partitions: replies sent from now on are seen. */
    boolean isPositioned() {
        return positioned && running;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
                 KafkaClientMetrics metrics = new KafkaClientMetrics(kafka)) {
                metrics.bindTo(meters);
                consumer = kafka;
                position(kafka);
                log.info("reading {} decisions from {} partitions {}", name, replies.name(), partitions);
                while (running) {
                    kafka.poll(Duration.ofSeconds(1)).forEach(record -> {
                        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                        try {
                            SeatDecision decision = replies.valueSerde().deserializer().deserialize(record.topic(), record.value());
                            handler.accept(new Reply(decision, CommandPosition.of(record.headers()).orElse(null)));
                        } catch (SerializationException e) {
                            log.error("skipping an undecodable reply at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                                    e.getMessage());
                        }
                    });
                    backoff = FIRST_BACKOFF;
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                log.warn("{} reply reader failed ({}); reconnecting in {} ms", name, e.toString(), backoff.toMillis());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                consumer = null;
            }
        }
    }

    /** At the end of the partitions the first time, then where reading stopped. */
    private void position(KafkaConsumer<String, byte[]> kafka) {
        kafka.assign(partitions);
        if (positions.isEmpty()) {
            kafka.seekToEnd(partitions);
            partitions.forEach(partition -> positions.put(partition, kafka.position(partition)));
        } else {
            positions.forEach(kafka::seek);
        }
        positioned = true;
    }

    private void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
