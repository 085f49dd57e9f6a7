package dev.seatflow.processor.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.schemas.event.TenantDetails;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.TracerProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RedisMirror's batches against a real Redis: a failure in the middle of a batch of several tenants
 * and partitions skips nothing and moves no offset, a partition Redis has no offset for is read
 * again from its start without applying the records polled from its middle, and a record without
 * a tenant id cannot stall the mirror.
 */
@RealServices
class RedisMirrorBatchTest {

    private final TopicCatalog topics = new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded()));
    private final TopicPartition p0 = new TopicPartition(topics.events().name(), 0);
    private final TopicPartition p1 = new TopicPartition(topics.events().name(), 1);
    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> polled = new HashMap<>();
    private RedisClient client;
    private RedisConnector connector;
    private RedisClusterCommands<String, String> redis;
    private RedisKeys keys;
    private RedisMirror mirror;
    private SimpleMeterRegistry meters;
    private MockConsumer<byte[], byte[]> consumer;

    @BeforeEach
    void connect(TestServices services) {
        RedisURI uri = RedisURI.create(services.redis().uri());
        client = RedisClient.create(uri);
        connector = new RedisConnector(client, uri);
        redis = connector.connection().sync();
        keys = new RedisKeys("mirror-batch-" + UUID.randomUUID() + ":");
        meters = new SimpleMeterRegistry();
        mirror = new RedisMirror(topics, connector, keys, meters, TracerProvider.noop().get("test"));
        consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(p0, p1));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
    }

    @AfterEach
    void close() {
        connector.close();
        client.shutdown();
    }

    @Test
    void aScriptFailingMidBatchSkipsNothingOnTheRetryAndOffsetsMoveOnlyAfterTheWholeBatch() {
        redis.set(keys.mirrorOffset(p0.topic(), 0), "9");
        redis.set(keys.mirrorOffset(p1.topic(), 1), "9");
        poll(p0, configured("acme", 1), configured("hooli", 1), configured("acme", 2));
        poll(p1, configured("umbrella", 1), configured("umbrella", 2), configured("umbrella", 3));
        redis.set(keys.settings("umbrella"), "not a hash"); // umbrella's event 1 fails (WRONGTYPE)

        RuntimeException failure = null;
        try {
            mirror.handle(batch(), consumer);
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as("the batch fails").hasMessageContaining("WRONGTYPE");
        mirror.failed(failure);

        assertThat(redis.get(keys.sequence("umbrella"))).as("nothing of umbrella past its failed event").isNull();
        assertThat(redis.get(keys.seatCount("umbrella"))).isNull();
        assertThat(redis.get(keys.sequence("acme"))).as("other tenants' scripts go ahead").isEqualTo("2");
        assertThat(redis.get(keys.mirrorOffset(p0.topic(), 0))).isEqualTo("9");
        assertThat(redis.get(keys.mirrorOffset(p1.topic(), 1))).isEqualTo("9");

        redis.del(keys.settings("umbrella"));
        mirror.handle(batch(), consumer); // the retry, as RetryingConsumer does it

        assertThat(redis.get(keys.sequence("umbrella"))).isEqualTo("3");
        assertThat(redis.hget(keys.settings("umbrella"), "max_seats")).isEqualTo("3");
        assertThat(redis.get(keys.sequence("acme"))).isEqualTo("2");
        assertThat(redis.get(keys.sequence("hooli"))).isEqualTo("1");
        assertThat(redis.get(keys.mirrorOffset(p0.topic(), 0))).isEqualTo("12");
        assertThat(redis.get(keys.mirrorOffset(p1.topic(), 1))).isEqualTo("12");
    }

    @Test
    void aPartitionRedisHasNoOffsetForStartsOverAndItsRecordsPolledMidTopicAreNotApplied() {
        redis.set(keys.mirrorOffset(p0.topic(), 0), "9");
        poll(p0, configured("acme", 1), configured("acme", 2));
        // umbrella's events 1..4 lie before offset 10 of partition 1; Redis forgot them and the offset.
        poll(p1, configured("umbrella", 5), configured("umbrella", 6));

        mirror.handle(batch(), consumer);

        assertThat(redis.get(keys.sequence("umbrella"))).isNull();
        assertThat(redis.exists(keys.settings("umbrella"), keys.seatCount("umbrella"))).isZero();
        assertThat(redis.get(keys.mirrorOffset(p1.topic(), 1))).as("no offset for the rewound partition").isNull();
        assertThat(consumer.position(p1)).isZero();
        assertThat(redis.get(keys.sequence("acme"))).isEqualTo("2");
        assertThat(redis.get(keys.mirrorOffset(p0.topic(), 0))).isEqualTo("11");
    }

    @Test
    void aRecordWithoutATenantIdIsPassedOverAndCountedWhileTheRestGoesThrough() {
        redis.set(keys.mirrorOffset(p0.topic(), 0), "9");
        poll(p0, configured("", 1), configured("acme", 1));

        mirror.handle(batch(), consumer);

        assertThat(meters.counter("seatflow.mirror.undecodable").count()).isEqualTo(1);
        assertThat(redis.get(keys.sequence("acme"))).isEqualTo("1");
        assertThat(redis.get(keys.mirrorOffset(p0.topic(), 0))).isEqualTo("11");
    }

    /** Records from offset 10 on, the consumer's position after them. */
    private void poll(TopicPartition partition, LicenseEvent... events) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (LicenseEvent event : events) {
            byte[] value = topics.events().valueSerde().serializer().serialize(partition.topic(), event);
            records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), 10 + records.size(),
                    event.getTenantId().getBytes(StandardCharsets.UTF_8), value));
        }
        polled.put(partition, records);
        consumer.seek(partition, 10 + records.size());
    }

    private ConsumerRecords<byte[], byte[]> batch() {
        return new ConsumerRecords<>(polled, Map.of());
    }

    /** The tenant's event {@code sequence}: its seat cap set to the sequence, so the last one applied shows. */
    private static LicenseEvent configured(String tenant, long sequence) {
        TenantSettings settings = new TenantSettings(Plan.PRO, (int) sequence, 360, 0, 0, 0);
        return new LicenseEvent(UUID.randomUUID(), tenant, sequence, Instant.now(), UUID.randomUUID(), new Actor("admin", Role.ADMIN),
                null, AuditAction.TENANT_CONFIGURED, ResourceType.TENANT, tenant, new TenantDetails(settings, null), 1);
    }
}
