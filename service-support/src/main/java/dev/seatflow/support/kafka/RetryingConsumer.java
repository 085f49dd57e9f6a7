package dev.seatflow.support.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A consumer on a thread of its own that hands every poll to a {@link BatchHandler} and, when the
 * handler fails (its store is away, or a bug), puts the consumer back on the same records and
 * retries with exponential backoff. Offsets are committed only after the handler returned: nothing
 * is skipped, and handlers make redelivery harmless. Nothing fails silently: a failure is logged at
 * ERROR, counted ({@code seatflow.consumer.failures}) and makes {@link #isHealthy()} false until a
 * batch goes through; when the consumer itself fails (poll, a rebalance callback), it is closed and
 * a new one takes over after the same backoff.
 */
public final class RetryingConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetryingConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /**
     * How long the broker may hold a fetch that finds nothing (Kafka's default is 500 ms). A record
     * that arrives ends the wait at once, so a longer wait costs no latency while records flow; it
     * saves the idle fetches every consumer would otherwise send twice a second. Its price: after a
     * rebalance a newly assigned partition is fetched only once the fetch in flight returns.
     */
    public static final Duration IDLE_FETCH_WAIT = Duration.ofSeconds(2);

    /** What to do with each poll; throwing means "retry these records later". */
    public interface BatchHandler {

        void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer);

        default void onAssigned(Collection<TopicPartition> partitions, Consumer<byte[], byte[]> consumer) {
        }

        default void failed(RuntimeException error) {
        }
    }

    private final String name;
    private final Map<String, Object> settings;
    private final List<String> topics;
    private final BatchHandler handler;
    private final Duration maxBackoff;
    private final MeterRegistry meters;
    private final Counter failures;
    private volatile boolean running;
    private volatile boolean handledSinceStart;
    /** A batch failed and has not gone through since. */
    private volatile boolean retrying;
    /** The consumer failed; its successor has not yet polled with partitions assigned. */
    private volatile boolean replaced;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;

    /**
     * @param settings complete consumer settings (group, isolation level, auto commit off, ...)
     * @param meters where the consumer's own metrics go (records lag among them)
     */
    public RetryingConsumer(String name, Map<String, Object> settings, List<String> topics, BatchHandler handler, Duration maxBackoff,
                            MeterRegistry meters) {
        this.name = name;
        this.meters = meters;
        Map<String, Object> config = new HashMap<>(settings);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) IDLE_FETCH_WAIT.toMillis());
        this.settings = Map.copyOf(config);
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.maxBackoff = maxBackoff;
        this.failures = Counter.builder("seatflow.consumer.failures").tag("consumer", name)
                .description("Failed batches and failed consumers (each followed by a retry)").register(meters);
        Gauge.builder("seatflow.consumer.healthy", this, consumer -> consumer.isHealthy() ? 1 : 0).tag("consumer", name)
                .description("1 while the consumer keeps up without failures").register(meters);
    }

    /** False while batches or polls keep failing, and once the consumer's thread has ended while it should run. */
    public boolean isHealthy() {
        Thread current = thread;
        return !retrying && !replaced && (!running || (current != null && current.isAlive()));
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, name);
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
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            handledSinceStart = false;
            try {
                consume();
            } catch (WakeupException e) {
                if (running) {
                    fail("woken up while running", e);
                }
            } catch (RuntimeException e) {
                fail("the consumer failed", e);
            }
            if (running) {
                // A consumer that worked for a while before failing is restarted quickly; one that keeps failing, ever more slowly.
                backoff = handledSinceStart ? FIRST_BACKOFF : backoff;
                log.error("{}: starting a new consumer in {} ms", name, backoff.toMillis());
                pause(backoff);
                backoff = next(backoff);
            }
        }
    }

    private void fail(String what, RuntimeException e) {
        replaced = true;
        failures.increment();
        log.error("{}: {} ({})", name, what, rootMessage(e), e);
    }

    private Duration next(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }

    /** Polls and hands batches over until stopped; a handler failure is retried here, anything else ends it. */
    private void consume() {
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaClientMetrics metrics = new KafkaClientMetrics(kafka)) {
            metrics.bindTo(meters);
            consumer = kafka;
            kafka.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    handler.onAssigned(partitions, kafka);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // offsets are committed after every successful batch
                }
            });
            Duration backoff = FIRST_BACKOFF;
            while (running) {
                // Outside the retry below: a failing poll or rebalance callback ends this consumer, run() starts another.
                ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
                try {
                    handler.handle(records, kafka);
                    if (!records.isEmpty()) {
                        kafka.commitSync();
                        retrying = false;
                        handledSinceStart = true;
                        backoff = FIRST_BACKOFF;
                    }
                    if (!kafka.assignment().isEmpty()) {
                        // A poll with partitions proves a new consumer works (not that a failed batch went through).
                        replaced = false;
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    retrying = true;
                    failures.increment();
                    handler.failed(e);
                    log.error("{}: {} records not handled ({}); retrying them in {} ms", name, records.count(), rootMessage(e),
                            backoff.toMillis(), e);
                    for (TopicPartition partition : records.partitions()) {
                        kafka.seek(partition, records.records(partition).get(0).offset());
                    }
                    pause(backoff);
                    backoff = next(backoff);
                }
            }
        } finally {
            consumer = null;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
