package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.processor.decision.Decider;
import dev.seatflow.processor.decision.SeatDecider;
import dev.seatflow.processor.metrics.SeatMetrics;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.processor.runtime.SeatProcessorSettings;
import dev.seatflow.processor.runtime.StreamsRunner;
import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.command.Tick;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The seat topology on a {@link TopologyTestDriver}, with a clock the test moves: commands are
 * appended to the log at {@link #now()} (their record timestamp, as the broker's append time would
 * be), and {@link #advance(Duration)} moves both that and the driver's wall clock, which lets the
 * processor write a tick when a timer is due.
 */
final class SeatTopologyHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Spans the topology finished, exported as they end. */
    final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(new CollectingSpans(spans))
            .build();
    private final TopologyTestDriver driver;
    private final TopicCatalog topics;
    private final TestInputTopic<String, byte[]> commands;
    private final TestOutputTopic<String, SeatDecision> replies;
    private final TestOutputTopic<String, LicenseEvent> events;
    private final TestOutputTopic<String, SessionHeartbeat> heartbeats;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final List<LicenseEvent> allEvents = new ArrayList<>();
    private final Map<String, Long> lastSequence = new HashMap<>();
    private Instant now = START;

    SeatTopologyHarness() {
        this(new SeatDecider(), DecisionPolicy.defaults());
    }

    /** With a decider of the test's (to inject faults) and its own retention and tick settings. */
    SeatTopologyHarness(Decider decider, DecisionPolicy policy) {
        AvroSerdeFactory serdes = AvroSerdeFactory.create(SerdeSettings.embedded());
        topics = new TopicCatalog(serdes);
        StreamsBuilder builder = new StreamsBuilder();
        SeatTopology.build(builder, topics, serdes, policy, new SeatMetrics(meters), tracing.get("seat-topology-test"), decider);
        Properties config = testConfig();
        driver = new TopologyTestDriver(builder.build(config), config, START);
        commands = driver.createInputTopic(topics.commands().name(), new StringSerializer(), new ByteArraySerializer());
        replies = driver.createOutputTopic(topics.replies().name(), topics.replies().keySerde().deserializer(), topics.replies().valueSerde().deserializer());
        events = driver.createOutputTopic(topics.events().name(), topics.events().keySerde().deserializer(), topics.events().valueSerde().deserializer());
        heartbeats = driver.createOutputTopic(topics.heartbeats().name(), topics.heartbeats().keySerde().deserializer(), topics.heartbeats().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.commandsDeadLetter().name(), topics.commandsDeadLetter().keySerde().deserializer(), topics.commandsDeadLetter().valueSerde().deserializer());
    }

    /** Streams settings of the processor, with state under the build directory. */
    static Properties testConfig() {
        SeatProcessorSettings settings = new SeatProcessorSettings("seat-topology-test",
                Path.of("target", "ttd", UUID.randomUUID().toString()).toAbsolutePath().toString(),
                Duration.ofMillis(20), 1, 0, 1, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(24),
                Duration.ofHours(24), TenantLimits.MAX_LICENSES, false, Duration.ofMinutes(2), Duration.ofMinutes(1));
        return StreamsRunner.streamsConfig(Map.of("bootstrap.servers", "unused:9092"), settings, "");
    }

    Instant now() {
        return now;
    }

    /** Moves the time commands are appended at, without touching the processor's wall clock. */
    void appendAt(Instant time) {
        now = time;
    }

    /** Moves the processor's wall clock only: what a processor that lags behind its log sees. */
    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    void advance(Duration duration) {
        now = now.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    static Actor member(String user) {
        return new Actor(user, Role.MEMBER);
    }

    static Actor admin(String user) {
        return new Actor(user, Role.ADMIN);
    }

    static Actor owner(String user) {
        return new Actor(user, Role.OWNER);
    }

    SeatCommand command(String tenant, Actor actor, Object payload) {
        return new SeatCommand(UUID.randomUUID(), tenant, now, actor, new Origin("10.1.1.1", "test"), 0, payload);
    }

    /** Sends the command and returns the one decision it produced. */
    SeatDecision send(SeatCommand command) {
        sendRaw(command.getTenantId(), topics.commands().valueSerde().serializer().serialize("t", command));
        List<SeatDecision> decisions = replies.readValuesToList();
        assertThat(decisions).as("replies to %s", command.getPayload()).hasSize(1);
        assertThat(decisions.get(0).getCommandId()).isEqualTo(command.getCommandId());
        return decisions.get(0);
    }

    SeatDecision send(String tenant, Actor actor, Object payload) {
        return send(command(tenant, actor, payload));
    }

    void sendRaw(String key, byte[] value) {
        commands.pipeInput(key, value, now);
    }

    /** Appends a tick at {@link #now()}, as the processor would to a quiet partition. */
    void tick() {
        SeatCommand tick = new SeatCommand(UUID.randomUUID(), "", now, new Actor("system", Role.SYSTEM), new Origin(null, null), -1, new Tick());
        sendRaw(null, topics.commands().valueSerde().serializer().serialize("t", tick));
    }

    /** Sends the command with these headers; its reply and events as records (with their headers). */
    Outputs sendWithHeaders(SeatCommand command, Headers headers) {
        commands.pipeInput(new TestRecord<>(command.getTenantId(), topics.commands().valueSerde().serializer().serialize("t", command), headers, now));
        List<TestRecord<String, LicenseEvent>> emitted = events.readRecordsToList();
        emitted.forEach(record -> allEvents.add(record.value()));
        return new Outputs(replies.readRecordsToList(), emitted);
    }

    record Outputs(List<TestRecord<String, SeatDecision>> replies, List<TestRecord<String, LicenseEvent>> events) {
    }

    LicenseState createLicense(String tenant, String key) {
        return createLicense(tenant, key, now.plus(Duration.ofDays(365)));
    }

    LicenseState createLicense(String tenant, String key, Instant expiry) {
        return send(tenant, admin("admin-1"), new CreateLicense(UUID.randomUUID(), key, Tier.PRO, List.of("analytics"), expiry, 0)).getLicense();
    }

    void configure(String tenant, Plan plan, Integer maxSeats, Integer ttlSeconds) {
        send(tenant, owner("owner-1"), new ConfigureTenant(plan, maxSeats, ttlSeconds, null, null));
    }

    SeatDecision acquire(String tenant, String user, String key, String hardware) {
        return send(tenant, member(user), new AcquireSeat(key, hardware));
    }

    SeatDecision heartbeat(String tenant, String user, UUID session) {
        return send(tenant, member(user), new Heartbeat(session));
    }

    SeatDecision release(String tenant, Actor actor, UUID session) {
        return send(tenant, actor, new ReleaseSeat(session));
    }

    /** Events written since the last call, checked to be gap-free per tenant across the whole test. */
    List<LicenseEvent> newEvents() {
        List<LicenseEvent> fresh = events.readValuesToList();
        for (LicenseEvent event : fresh) {
            long expected = lastSequence.getOrDefault(event.getTenantId(), 0L) + 1;
            assertThat(event.getSequence()).as("sequence of %s in tenant %s", event.getAction(), event.getTenantId()).isEqualTo(expected);
            lastSequence.put(event.getTenantId(), expected);
        }
        allEvents.addAll(fresh);
        return fresh;
    }

    List<SessionHeartbeat> newHeartbeats() {
        return heartbeats.readValuesToList();
    }

    List<org.apache.kafka.streams.test.TestRecord<byte[], byte[]>> newDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    List<SeatDecision> newReplies() {
        return replies.readValuesToList();
    }

    TenantSettings tenant(String tenant) {
        KeyValueStore<String, TenantSettings> store = driver.getKeyValueStore(SeatTopology.TENANTS_STORE);
        return store.get(tenant);
    }

    SessionState session(String tenant, UUID id) {
        KeyValueStore<String, SessionState> store = driver.getKeyValueStore(SeatTopology.SESSIONS_STORE);
        return store.get(tenant + "|" + id);
    }

    /** Every entry of every state store, by store: what a decision that left no trace must not change. */
    Map<String, Map<String, Object>> stores() {
        Map<String, Map<String, Object>> all = new java.util.TreeMap<>();
        for (SeatTopology.StoreSpec spec : SeatTopology.stores(AvroSerdeFactory.create(SerdeSettings.embedded()))) {
            Map<String, Object> entries = new java.util.TreeMap<>();
            KeyValueStore<String, Object> store = driver.getKeyValueStore(spec.name());
            try (var iterator = store.all()) {
                iterator.forEachRemaining(entry -> entries.put(entry.key, entry.value));
            }
            all.put(spec.name(), entries);
        }
        return all;
    }

    List<String> timerKeys() {
        KeyValueStore<String, String> store = driver.getKeyValueStore(SeatTopology.TIMERS_STORE);
        List<String> keys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    @Override
    public void close() {
        driver.close();
        tracing.close();
    }
}
