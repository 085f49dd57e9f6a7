package dev.seatflow.processor.topology;

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
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The seat processor's topology: commands in (keyed by tenant), decisions out to the partition
 * each sender reads, events and heartbeats out keyed by tenant, undecodable commands to the
 * dead-letter topic. The application and its tests build it with this one method.
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

    private SeatTopology() {
    }

    public static void build(StreamsBuilder builder, TopicCatalog topics, AvroSerdeFactory serdes,
                             DecisionPolicy policy, SeatMetrics metrics, Tracer tracer) {
        addStore(builder, TENANTS_STORE, serdes.valueSerde(TenantSettings.class));
        addStore(builder, SEQUENCES_STORE, Serdes.Long());
        addStore(builder, LICENSES_STORE, serdes.valueSerde(LicenseState.class));
        addStore(builder, LICENSE_KEYS_STORE, Serdes.String());
        addStore(builder, SESSIONS_STORE, serdes.valueSerde(SessionState.class));
        addStore(builder, HOLDERS_STORE, Serdes.String());
        addStore(builder, DECISIONS_STORE, serdes.valueSerde(SeatDecision.class));
        addStore(builder, TIMERS_STORE, Serdes.String());

        KStream<String, Output> outputs = builder
                .stream(topics.commands().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("commands"))
                .process(() -> new CommandProcessor(topics.commands().valueSerde().deserializer(), policy, metrics, tracer),
                        Named.as("decide"), TENANTS_STORE, SEQUENCES_STORE, LICENSES_STORE, LICENSE_KEYS_STORE,
                        SESSIONS_STORE, HOLDERS_STORE, DECISIONS_STORE, TIMERS_STORE);

        Serde<Output.Reply> replySerde = Serdes.serdeFrom(
                (topic, reply) -> topics.replies().valueSerde().serializer().serialize(topic, reply.decision()),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("replies are only written here");
                });
        outputs.split(Named.as("route-"))
                .branch((key, value) -> value instanceof Output.Reply, Branched.withConsumer(replies -> replies
                        .mapValues(value -> (Output.Reply) value, Named.as("as-reply"))
                        .to(topics.replies().name(), Produced.with(Serdes.String(), replySerde)
                                .withStreamPartitioner(new ReplyPartitioner()).withName("replies")), "replies"))
                .branch((key, value) -> value instanceof Output.Event, Branched.withConsumer(events -> events
                        .mapValues(value -> ((Output.Event) value).event(), Named.as("as-event"))
                        .to(topics.events().name(), Produced.with(topics.events().keySerde(), topics.events().valueSerde())
                                .withName("events")), "events"))
                .branch((key, value) -> value instanceof Output.HeartbeatSeen, Branched.withConsumer(heartbeats -> heartbeats
                        .mapValues(value -> ((Output.HeartbeatSeen) value).heartbeat(), Named.as("as-heartbeat"))
                        .to(topics.heartbeats().name(), Produced.with(topics.heartbeats().keySerde(), topics.heartbeats().valueSerde())
                                .withName("heartbeats")), "heartbeats"))
                .branch((key, value) -> value instanceof Output.DeadLetter, Branched.withConsumer(letters -> letters
                        .map((key, value) -> KeyValue.pair(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                                ((Output.DeadLetter) value).value()), Named.as("as-dead-letter"))
                        .to(topics.commandsDeadLetter().name(), Produced.with(topics.commandsDeadLetter().keySerde(),
                                topics.commandsDeadLetter().valueSerde()).withName("dead-letters")), "dead-letters"));
    }

    private static <V> void addStore(StreamsBuilder builder, String name, Serde<V> valueSerde) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde));
    }
}
