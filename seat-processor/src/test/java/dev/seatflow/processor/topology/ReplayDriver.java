package dev.seatflow.processor.topology;

import dev.seatflow.processor.decision.SeatDecider;
import dev.seatflow.processor.metrics.SeatMetrics;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.TracerProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One instance of the seat processor for replay tests: it reads a log of raw command records,
 * keeps every reply and event it writes as bytes, and can hand over its changelogs so that
 * another instance starts from the state they describe, as a new owner of the task does after a
 * crash (Kafka Streams restores a task's stores from their changelog topics).
 */
final class ReplayDriver implements AutoCloseable {

    /** A record of the commands topic: key (null for a tick), value bytes, append time. */
    record LogRecord(String key, byte[] value, Instant time) {
    }

    private final AvroSerdeFactory serdes = AvroSerdeFactory.create(SerdeSettings.embedded());
    private final TopicCatalog topics = new TopicCatalog(serdes);
    private final TopologyTestDriver driver;
    private final String applicationId;
    private final TestInputTopic<String, byte[]> commands;
    private final TestOutputTopic<String, byte[]> replies;
    private final TestOutputTopic<String, byte[]> events;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Map<String, TestOutputTopic<String, byte[]>> changelogs = new LinkedHashMap<>();
    private Instant wallClock;

    ReplayDriver(Instant start) {
        this(start, DecisionPolicy.defaults().tickInterval());
    }

    /** With the processor looking for due timers (and writing ticks) every {@code tickInterval} of wall-clock time. */
    ReplayDriver(Instant start, Duration tickInterval) {
        DecisionPolicy policy = DecisionPolicy.defaults().withTickInterval(tickInterval);
        StreamsBuilder builder = new StreamsBuilder();
        SeatTopology.build(builder, topics, serdes, policy, new SeatMetrics(new SimpleMeterRegistry()),
                TracerProvider.noop().get("replay"), new SeatDecider(), Stores::inMemoryKeyValueStore);
        Properties config = SeatTopologyHarness.testConfig();
        applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        driver = new TopologyTestDriver(builder.build(config), config, start);
        wallClock = start;
        commands = driver.createInputTopic(topics.commands().name(), new StringSerializer(), new ByteArraySerializer());
        replies = driver.createOutputTopic(topics.replies().name(), new StringDeserializer(), new ByteArrayDeserializer());
        events = driver.createOutputTopic(topics.events().name(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(topics.commandsDeadLetter().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (SeatTopology.StoreSpec store : SeatTopology.stores(serdes)) {
            changelogs.put(store.name(), driver.createOutputTopic(applicationId + "-" + store.name() + "-changelog",
                    new StringDeserializer(), new ByteArrayDeserializer()));
        }
    }

    TopicCatalog topics() {
        return topics;
    }

    void append(LogRecord record) {
        commands.pipeInput(new TestRecord<>(record.key(), record.value(), record.time()));
    }

    /** Moves the processor's wall clock (never backwards), which may make it write a tick. */
    void advanceWallClockTo(Instant time) {
        if (time.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, time));
            wallClock = time;
        }
    }

    /** Replies written since the last call, in order: command id and value bytes. */
    List<KeyValue<String, byte[]>> newReplies() {
        return replies.readKeyValuesToList();
    }

    /** Events written since the last call, in order: tenant and value bytes. */
    List<KeyValue<String, byte[]>> newEvents() {
        return events.readKeyValuesToList();
    }

    int deadLetterCount() {
        return deadLetters.readRecordsToList().size();
    }

    /** Changelog records of every store written since the last call, in order (null value: deleted). */
    Map<String, List<KeyValue<String, byte[]>>> newChangelogRecords() {
        Map<String, List<KeyValue<String, byte[]>>> records = new LinkedHashMap<>();
        changelogs.forEach((store, topic) -> records.put(store, new ArrayList<>(topic.readKeyValuesToList())));
        return records;
    }

    /** Rebuilds the stores from changelog records, as a restoring task does, before any record is read. */
    @SuppressWarnings("unchecked")
    void restore(Map<String, List<KeyValue<String, byte[]>>> changelog) {
        for (SeatTopology.StoreSpec spec : SeatTopology.stores(serdes)) {
            KeyValueStore<String, Object> store = driver.getKeyValueStore(spec.name());
            String topic = applicationId + "-" + spec.name() + "-changelog";
            for (KeyValue<String, byte[]> entry : changelog.getOrDefault(spec.name(), List.of())) {
                if (entry.value == null) {
                    store.delete(entry.key);
                } else {
                    store.put(entry.key, spec.valueSerde().deserializer().deserialize(topic, entry.value));
                }
            }
        }
        newChangelogRecords();
    }

    @Override
    public void close() {
        driver.close();
    }
}
