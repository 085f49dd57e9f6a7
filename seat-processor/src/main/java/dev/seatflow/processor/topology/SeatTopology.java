package dev.seatflow.processor.topology;

import dev.seatflow.processor.decision.Decider;
import dev.seatflow.processor.metrics.SeatMetrics;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.topic.TopicCatalog;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The seat processor's topology: commands in (keyed by tenant, timed by the broker's append
 * time), decisions out to the partition each sender reads, events and heartbeats out keyed by
 * tenant, ticks back to the task's own partition of the commands topic, what cannot be decided to
 * the dead-letter topic. The application and its tests build it with this one method.
 */
public final class SeatTopology {

    public static final String TENANTS_STORE = "seat-tenants";
    public static final String SEQUENCES_STORE = "seat-event-sequences";
    public static final String LICENSES_STORE = "seat-licenses";
    public static final String LICENSE_KEYS_STORE = "seat-license-keys";
    public static final String SESSIONS_STORE = "seat-sessions";
    public static final String HOLDERS_STORE = "seat-session-holders";
    public static final String DECISIONS_STORE = "seat-decisions";
    public static final String TIMERS_STORE = "seat-timers";
    /** The task's log time: the latest record time seen, so time never runs backwards. */
    public static final String CLOCK_STORE = "seat-clock";

    private SeatTopology() {
    }

    public static void build(StreamsBuilder builder, TopicCatalog topics, AvroSerdeFactory serdes,
                             DecisionPolicy policy, SeatMetrics metrics, Tracer tracer, Decider decider) {
        build(builder, topics, serdes, policy, metrics, tracer, decider, Stores::persistentKeyValueStore);
    }

    /**
     * The same topology with stores of another kind: the replay property test reads thousands of
     * records through in-memory stores (the driver flushes RocksDB after every record); every other
     * test, and the application, use RocksDB.
     */
    static void build(StreamsBuilder builder, TopicCatalog topics, AvroSerdeFactory serdes, DecisionPolicy policy,
                      SeatMetrics metrics, Tracer tracer, Decider decider, Function<String, KeyValueBytesStoreSupplier> storage) {
        // Cached: a key written many times between two commits (the log time on every record, a
        // tenant's sequence and seat count, a session heartbeating) reaches RocksDB and its
        // changelog once per commit instead of once per write. Under exactly-once the cache is
        // flushed inside the commit, so what a restore reads is what was committed.
        stores(serdes).forEach(store -> builder.addStateStore(
                Stores.keyValueStoreBuilder(storage.apply(store.name()), Serdes.String(), store.valueSerde()).withCachingEnabled()));

        OutputEncoder encoder = new OutputEncoder(topics);
        KStream<String, Output> outputs = builder
                .stream(topics.commands().name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withTimestampExtractor(new CommandTimestamps()).withName("commands"))
                .process(() -> new CommandProcessor(topics.commands().valueSerde().deserializer(), encoder, policy, metrics, tracer, decider),
                        Named.as("decide"), stores(serdes).stream().map(StoreSpec::name).toArray(String[]::new));

        outputs.split(Named.as("route-"))
                .branch((key, value) -> value instanceof Output.Reply, Branched.withConsumer(replies -> replies
                        .mapValues(value -> (Output.Reply) value, Named.as("as-reply"))
                        .to(topics.replies().name(), Produced.with(Serdes.String(), encoded(Output.Reply.class))
                                .withStreamPartitioner(new ReplyPartitioner()).withName("replies")), "replies"))
                .branch((key, value) -> value instanceof Output.Event, Branched.withConsumer(events -> events
                        .to(topics.events().name(), Produced.with(Serdes.String(), encoded(Output.class)).withName("events")), "events"))
                .branch((key, value) -> value instanceof Output.HeartbeatSeen, Branched.withConsumer(heartbeats -> heartbeats
                        .to(topics.heartbeats().name(), Produced.with(Serdes.String(), encoded(Output.class)).withName("heartbeats")),
                        "heartbeats"))
                .branch((key, value) -> value instanceof Output.Tick, Branched.withConsumer(ticks -> ticks
                        .mapValues(value -> (Output.Tick) value, Named.as("as-tick"))
                        .to(topics.commands().name(), Produced.with(Serdes.String(), encoded(Output.Tick.class))
                                .withStreamPartitioner((topic, key, tick, partitions) -> Optional.of(Set.of(tick.partition())))
                                .withName("ticks")), "ticks"))
                .branch((key, value) -> value instanceof Output.DeadLetter, Branched.withConsumer(letters -> letters
                        .map((key, value) -> KeyValue.pair(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value.value()),
                                Named.as("as-dead-letter"))
                        .to(topics.commandsDeadLetter().name(), Produced.with(topics.commandsDeadLetter().keySerde(),
                                topics.commandsDeadLetter().valueSerde()).withName("dead-letters")), "dead-letters"));
    }

    /** A state store of the topology: its name and the serde of its values (keys are strings). */
    public record StoreSpec(String name, Serde<?> valueSerde) {
    }

    /** Every state store the topology keeps, as its changelog holds them. */
    public static List<StoreSpec> stores(AvroSerdeFactory serdes) {
        return List.of(
                new StoreSpec(TENANTS_STORE, serdes.valueSerde(TenantSettings.class)),
                new StoreSpec(SEQUENCES_STORE, Serdes.Long()),
                new StoreSpec(LICENSES_STORE, serdes.valueSerde(LicenseState.class)),
                new StoreSpec(LICENSE_KEYS_STORE, Serdes.String()),
                new StoreSpec(SESSIONS_STORE, serdes.valueSerde(SessionState.class)),
                new StoreSpec(HOLDERS_STORE, Serdes.String()),
                new StoreSpec(DECISIONS_STORE, serdes.valueSerde(SeatDecision.class)),
                new StoreSpec(TIMERS_STORE, Serdes.String()),
                new StoreSpec(CLOCK_STORE, Serdes.Long()));
    }

    /** Outputs are encoded by the processor (see {@link OutputEncoder}); the sinks write their bytes. */
    private static <T extends Output> Serde<T> encoded(Class<T> type) {
        return Serdes.serdeFrom((topic, output) -> output.value(), (topic, bytes) -> {
            throw new UnsupportedOperationException("outputs are only written here");
        });
    }
}
