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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * {@code read_committed} and applies each as one atomic script over its tenant's keys (one slot, so
 * also on a Redis Cluster), guarded by the tenant's sequence: an event already applied is passed
 * over, one that does not follow the last applied (sequences are gap-free from 1) is refused and
 * the batch fails visibly, as the tenant's mirror misses state. Once every record of a batch is
 * applied, each partition's last offset is written to Redis with a command of its own. Progress
 * lives in Redis with the data, so a flushed or new Redis is rebuilt from the start of the topics;
 * a crash between the scripts and the offsets re-applies records, which the sequence guard makes
 * harmless (heartbeats only ever extend). While Redis is down the {@link RetryingConsumer} retries
 * the same records.
 */
public final class RedisMirror implements RetryingConsumer.BatchHandler {

    private static final Logger log = LoggerFactory.getLogger(RedisMirror.class);
    private static final Duration RESYNC_CHECK = Duration.ofSeconds(5);

    private final TopicCatalog topics;
    private final RedisConnector redis;
    private final RedisKeys keys;
    private final MirrorWrites writes;
    private final MirrorLayout layout;
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
        this.layout = new MirrorLayout(redis, keys);
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
        ConsumerRecords<byte[], byte[]> toApply = records;
        if (System.nanoTime() > nextResyncCheck) {
            layout.ensureCurrent();
            toApply = withoutRewound(records, rewindPartitionsRedisForgot(records, consumer));
            nextResyncCheck = System.nanoTime() + RESYNC_CHECK.toNanos();
        }
        if (toApply.isEmpty()) {
            return;
        }
        ConsumerRecords<byte[], byte[]> batch = toApply;
        spans.around(batch, () -> apply(batch));
    }

    /**
     * The records of partitions not rewound: a rewound partition's polled records lie mid-topic and
     * are read again in order after what comes before them (applied now, they would move a rebuilt
     * tenant's sequence ahead, and their offset would make the rebuild skip the start).
     */
    private static ConsumerRecords<byte[], byte[]> withoutRewound(ConsumerRecords<byte[], byte[]> records,
                                                                   Set<TopicPartition> rewound) {
        if (rewound.isEmpty()) {
            return records;
        }
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            if (!rewound.contains(partition)) {
                kept.put(partition, records.records(partition));
            }
        }
        return new ConsumerRecords<>(kept, Map.of());
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        var commands = redis.connection().async();
        if (scriptSha == null) {
            scriptSha = redis.connection().sync().scriptLoad(script);
        }
        List<RedisFuture<?>> pending = new ArrayList<>(records.count());
        // The pipeline runs in order, but a failed script does not stop the ones after it: the
        // script refuses a tenant's event while the one before it is not applied (a sequence gap),
        // so a later event never moves the tenant's sequence past a failed one.
        Map<TopicPartition, Long> lastOffsets = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            lastOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset());
            Optional<MirrorWrite> decoded = decode(record);
            if (decoded.isEmpty()) {
                continue;
            }
            MirrorWrite write = decoded.get();
            List<String> args = new ArrayList<>(write.operations().size() + 1);
            args.add(Long.toString(write.sequence()));
            args.addAll(write.operations());
            pending.add(commands.evalsha(scriptSha, ScriptOutputType.INTEGER, write.keys().toArray(String[]::new),
                    args.toArray(String[]::new)));
        }
        await(pending);
        // Only now, with every record of the batch applied, may a partition's offset move past them.
        List<RedisFuture<?>> offsets = new ArrayList<>(lastOffsets.size());
        lastOffsets.forEach((partition, offset) ->
                offsets.add(commands.set(keys.mirrorOffset(partition.topic(), partition.partition()), Long.toString(offset))));
        await(offsets);
        applied.increment(records.count());
        freshness.applied(records);
    }

    private void await(List<RedisFuture<?>> pending) {
        try {
            for (RedisFuture<?> future : pending) {
                future.get(5, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException) {
                scriptSha = null; // a restarted or failed-over node lost it: load it again on the retry
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("redis did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void failed(RuntimeException error) {
        failures.increment();
        // The retry puts every partition of the batch back on its first polled record, a rewound
        // one too: check again before applying, so it is rewound (and its records dropped) again.
        nextResyncCheck = Long.MIN_VALUE;
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
     * The record's writes; none for bytes that cannot be decoded, which are passed over (the audit
     * sink sets them aside in the dead-letter topic) and counted. Any other failure, a bug in the
     * writes included, fails the batch, which is retried until it goes through.
     */
    private Optional<MirrorWrite> decode(ConsumerRecord<byte[], byte[]> record) {
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
        if (!RedisKeys.isTenantId(event != null ? event.getTenantId() : heartbeat.getTenantId())) {
            return passOver(record, "no tenant id"); // its keys could not be named
        }
        return Optional.of(event != null ? writes.of(event) : writes.of(heartbeat));
    }

    private Optional<MirrorWrite> passOver(ConsumerRecord<byte[], byte[]> record, String why) {
        undecodable.increment();
        log.error("redis mirror passes over undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), why);
        return Optional.empty();
    }

    /**
     * A flushed (or new) Redis has no offsets for the data: start those partitions over, unless
     * this batch already starts at offset 0. Returns the partitions rewound.
     */
    private Set<TopicPartition> rewindPartitionsRedisForgot(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
        var sync = redis.connection().sync();
        Set<TopicPartition> rewound = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
            long readFrom = polled.isEmpty() ? consumer.position(partition) : polled.get(0).offset();
            if (readFrom > 0 && sync.exists(keys.mirrorOffset(partition.topic(), partition.partition())) == 0) {
                log.info("redis has no mirror offset for {}: rebuilding it from the start of the topic", partition);
                consumer.seekToBeginning(List.of(partition));
                rewound.add(partition);
            }
        }
        return rewound;
    }

    private static String readScript() {
        try (InputStream in = RedisMirror.class.getResourceAsStream("/lua/mirror-apply.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
