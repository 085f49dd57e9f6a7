package dev.seatflow.processor.mirror;

import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.kafka.Freshness;
import dev.seatflow.support.kafka.RetryingConsumer;
import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.support.tracing.RecordSpans;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Redis in step with committed processor state: reads events and heartbeats with
 * {@code read_committed} and applies each as one atomic script that also records the offset it
 * came from. Progress lives in Redis with the data, so a flushed or new Redis is rebuilt from the
 * start of the topics; while Redis is down the {@link RetryingConsumer} retries the same records.
 */
public final class RedisMirror implements RetryingConsumer.BatchHandler {

    private static final Logger log = LoggerFactory.getLogger(RedisMirror.class);
    private static final Duration RESYNC_CHECK = Duration.ofSeconds(5);

    private final TopicCatalog topics;
    private final RedisConnector redis;
    private final RedisKeys keys;
    private final MirrorWrites writes;
    private final MirrorIndexes indexes;
    private final String script;
    private final Counter applied;
    private final Counter failures;
    private final Counter undecodable;
    private final RecordSpans spans;
    private final Freshness freshness;
    private String scriptSha;
    private long nextResyncCheck = Long.MIN_VALUE;

    public RedisMirror(TopicCatalog topics, RedisConnector redis, RedisKeys keys, MeterRegistry meters, Tracer tracer) {
        this.topics = topics;
        this.spans = new RecordSpans(tracer, "redis-mirror write");
        this.redis = redis;
        this.keys = keys;
        this.writes = new MirrorWrites(keys);
        this.indexes = new MirrorIndexes(redis, keys);
        this.script = readScript();
        this.applied = Counter.builder("seatflow.mirror.applied").description("Records applied to Redis").register(meters);
        this.failures = Counter.builder("seatflow.mirror.failures").description("Failed attempts to apply a batch to Redis").register(meters);
        this.undecodable = Counter.builder("seatflow.mirror.undecodable").description("Records passed over as undecodable").register(meters);
        this.freshness = new Freshness(Timer.builder("seatflow.mirror.delay").description("From a decision to its write in Redis"),
                meters, Clock.systemUTC());
    }

    /** Consumer settings: committed records only, from the start when Redis knows nothing yet. */
    public static Map<String, Object> consumerSettings(Map<String, Object> clientSettings, String groupId) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return settings;
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
        if (System.nanoTime() > nextResyncCheck) {
            indexes.ensureBuilt();
            rewindPartitionsRedisForgot(consumer);
            nextResyncCheck = System.nanoTime() + RESYNC_CHECK.toNanos();
        }
        if (records.isEmpty()) {
            return;
        }
        spans.around(records, () -> apply(records));
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        var commands = redis.connection().async();
        if (scriptSha == null) {
            scriptSha = redis.connection().sync().scriptLoad(script);
        }
        List<RedisFuture<Long>> pending = new ArrayList<>(records.count());
        // The pipeline runs in order, but a failed script does not stop the ones after it: each record
        // names its predecessor in the partition, and the script refuses while that one is not applied.
        Map<TopicPartition, Long> previous = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            MirrorWrite write = decode(record);
            String[] scriptKeys = {write.sequenceKey(), keys.mirrorOffset(record.topic(), record.partition())};
            List<String> args = new ArrayList<>(write.operations().size() + 3);
            args.add(Long.toString(write.sequence()));
            args.add(Long.toString(record.offset()));
            Long before = previous.put(new TopicPartition(record.topic(), record.partition()), record.offset());
            args.add(Long.toString(before == null ? -1 : before));
            args.addAll(write.operations());
            pending.add(commands.evalsha(scriptSha, ScriptOutputType.INTEGER, scriptKeys, args.toArray(String[]::new)));
        }
        try {
            for (RedisFuture<Long> future : pending) {
                future.get(5, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException) {
                scriptSha = null;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("redis did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        applied.increment(records.count());
        freshness.applied(records);
    }

    @Override
    public void failed(RuntimeException error) {
        failures.increment();
    }

    /** On assignment, continue each partition after the last offset Redis says it applied. */
    @Override
    public void onAssigned(Collection<TopicPartition> partitions, Consumer<byte[], byte[]> consumer) {
        for (TopicPartition partition : partitions) {
            try {
                String offset = redis.connection().sync().get(keys.mirrorOffset(partition.topic(), partition.partition()));
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, Long.parseLong(offset) + 1);
                }
            } catch (RuntimeException e) {
                // Redis away: keep the committed position; the resync check corrects it later.
                log.warn("cannot read the mirror offset of {} from redis: {}", partition, e.getMessage());
            }
        }
    }

    /**
     * The record's writes. Bytes that cannot be decoded are passed over (the audit sink sets them
     * aside in the dead-letter topic) and counted; any other failure, a bug in the writes included,
     * fails the batch, which is retried until it goes through.
     */
    private MirrorWrite decode(ConsumerRecord<byte[], byte[]> record) {
        LicenseEvent event = null;
        SessionHeartbeat heartbeat = null;
        try {
            if (record.topic().equals(topics.events().name())) {
                event = topics.events().valueSerde().deserializer().deserialize(record.topic(), record.value());
            } else {
                heartbeat = topics.heartbeats().valueSerde().deserializer().deserialize(record.topic(), record.value());
            }
        } catch (SerializationException e) {
            return passOver(record, e.getMessage());
        }
        if (event == null && heartbeat == null) {
            return passOver(record, "no value");
        }
        return event != null ? writes.of(event) : writes.of(heartbeat);
    }

    private MirrorWrite passOver(ConsumerRecord<byte[], byte[]> record, String why) {
        undecodable.increment();
        log.error("redis mirror passes over undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), why);
        return new MirrorWrite(keys.sequence("_undecodable"), -1, List.of());
    }

    /** A flushed Redis has lost the mirror's offsets with the data: start those partitions over. */
    private void rewindPartitionsRedisForgot(Consumer<byte[], byte[]> consumer) {
        var sync = redis.connection().sync();
        for (TopicPartition partition : consumer.assignment()) {
            if (consumer.position(partition) > 0 && sync.exists(keys.mirrorOffset(partition.topic(), partition.partition())) == 0) {
                log.info("redis has no mirror offset for {}: rebuilding it from the start of the topic", partition);
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private static String readScript() {
        try (InputStream in = RedisMirror.class.getResourceAsStream("/lua/mirror-apply.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
