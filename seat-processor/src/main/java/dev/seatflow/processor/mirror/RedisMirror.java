package dev.seatflow.processor.mirror;

import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps Redis in step with committed processor state: reads events and heartbeats with
 * {@code read_committed} and applies each as one atomic script that also records the offset it
 * came from. Progress lives in Redis with the data, so a flushed or new Redis is rebuilt from the
 * start of the topics, and while Redis is down the mirror retries the same records until they land.
 */
public final class RedisMirror implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisMirror.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration RESYNC_CHECK = Duration.ofSeconds(5);

    private final Map<String, Object> consumerSettings;
    private final TopicCatalog topics;
    private final RedisConnector redis;
    private final RedisKeys keys;
    private final MirrorWrites writes;
    private final String script;
    private final Counter applied;
    private final Counter failures;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private String scriptSha;

    public RedisMirror(Map<String, Object> clientSettings, String groupId, TopicCatalog topics, RedisConnector redis,
                       RedisKeys keys, MeterRegistry meters) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerSettings = settings;
        this.topics = topics;
        this.redis = redis;
        this.keys = keys;
        this.writes = new MirrorWrites(keys);
        this.script = readScript();
        this.applied = Counter.builder("seatflow.mirror.applied").description("Records applied to Redis").register(meters);
        this.failures = Counter.builder("seatflow.mirror.failures").description("Failed attempts to apply a batch to Redis").register(meters);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "redis-mirror");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerSettings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(topics.events().name(), topics.heartbeats().name()), new ResumeFromRedis());
            Duration backoff = Duration.ofMillis(100);
            long nextResyncCheck = 0;
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
                try {
                    if (System.nanoTime() > nextResyncCheck) {
                        rewindPartitionsRedisForgot(kafka);
                        nextResyncCheck = System.nanoTime() + RESYNC_CHECK.toNanos();
                    }
                    apply(records);
                    kafka.commitAsync();
                    backoff = Duration.ofMillis(100);
                } catch (RuntimeException e) {
                    failures.increment();
                    log.warn("redis mirror cannot apply {} records ({}); retrying in {} ms", records.count(), e.getMessage(), backoff.toMillis());
                    rewind(kafka, records);
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
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

    private void apply(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        var commands = redis.connection().async();
        if (scriptSha == null) {
            scriptSha = redis.connection().sync().scriptLoad(script);
        }
        List<RedisFuture<Long>> pending = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            MirrorWrite write = decode(record);
            String[] scriptKeys = {write.sequenceKey(), keys.mirrorOffset(record.topic(), record.partition())};
            List<String> args = new ArrayList<>(write.operations().size() + 2);
            args.add(Long.toString(write.sequence()));
            args.add(Long.toString(record.offset()));
            args.addAll(write.operations());
            pending.add(commands.evalsha(scriptSha, ScriptOutputType.INTEGER, scriptKeys, args.toArray(String[]::new)));
        }
        try {
            for (RedisFuture<Long> future : pending) {
                future.get(5, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException) {
                scriptSha = null;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("redis did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        applied.increment(records.count());
    }

    private MirrorWrite decode(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(topics.events().name())) {
                LicenseEvent event = topics.events().valueSerde().deserializer().deserialize(record.topic(), record.value());
                return writes.of(event);
            }
            SessionHeartbeat heartbeat = topics.heartbeats().valueSerde().deserializer().deserialize(record.topic(), record.value());
            return writes.of(heartbeat);
        } catch (SerializationException | NullPointerException e) {
            log.error("redis mirror skips undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return new MirrorWrite(keys.sequence("_undecodable"), -1, List.of());
        }
    }

    /** Puts the consumer back on the first record of each partition in the failed batch. */
    private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            kafka.seek(partition, records.records(partition).get(0).offset());
        }
    }

    /** A flushed Redis has lost the mirror's offsets with the data: start those partitions over. */
    private void rewindPartitionsRedisForgot(KafkaConsumer<String, byte[]> kafka) {
        var sync = redis.connection().sync();
        for (TopicPartition partition : kafka.assignment()) {
            if (kafka.position(partition) > 0 && sync.exists(keys.mirrorOffset(partition.topic(), partition.partition())) == 0) {
                log.info("redis has no mirror offset for {}: rebuilding it from the start of the topic", partition);
                kafka.seekToBeginning(List.of(partition));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readScript() {
        try (InputStream in = RedisMirror.class.getResourceAsStream("/lua/mirror-apply.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On assignment, continue each partition after the last offset Redis says it applied. */
    private final class ResumeFromRedis implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            KafkaConsumer<String, byte[]> kafka = consumer;
            for (TopicPartition partition : partitions) {
                try {
                    String offset = redis.connection().sync().get(keys.mirrorOffset(partition.topic(), partition.partition()));
                    if (offset == null) {
                        kafka.seekToBeginning(List.of(partition));
                    } else {
                        kafka.seek(partition, Long.parseLong(offset) + 1);
                    }
                } catch (RuntimeException e) {
                    // Redis away: keep the committed position; the resync check corrects it later.
                    log.warn("cannot read the mirror offset of {} from redis: {}", partition, e.getMessage());
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets live in Redis; nothing to hand over
        }
    }
}
