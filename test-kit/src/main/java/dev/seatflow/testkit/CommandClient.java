package dev.seatflow.testkit;

import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * Plays the gateway in integration tests: publishes commands naming its reply partition,
 * reads only that partition, and collects committed replies and events (read_committed) in the background.
 */
public final class CommandClient implements AutoCloseable {

    private final TopicCatalog topics;
    private final KafkaProducer<String, SeatCommand> producer;
    private final Map<UUID, List<SeatDecision>> replies = new ConcurrentHashMap<>();
    private final List<LicenseEvent> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final int replyPartition;
    private volatile boolean running = true;
    /** Why the reader stopped, if it failed: waits then fail with it instead of timing out. */
    private volatile RuntimeException readerFailure;

    public CommandClient(String bootstrap, TopicCatalog topics) {
        this(bootstrap, topics, 0);
    }

    public CommandClient(String bootstrap, TopicCatalog topics, int replyPartition) {
        this.topics = topics;
        this.replyPartition = replyPartition;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0),
                topics.commands().keySerde().serializer(), topics.commands().valueSerde().serializer());
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.reader = new Thread(() -> {
            try {
                read(consumer);
            } catch (RuntimeException e) {
                readerFailure = e;
                throw e;
            }
        }, "test-reply-reader");
        reader.start();
    }

    private void read(Map<String, Object> settings) {
        try (var replyConsumer = new KafkaConsumer<>(settings, topics.replies().keySerde().deserializer(), topics.replies().valueSerde().deserializer());
             var eventConsumer = new KafkaConsumer<>(settings, topics.events().keySerde().deserializer(), topics.events().valueSerde().deserializer())) {
            replyConsumer.assign(List.of(new TopicPartition(topics.replies().name(), replyPartition)));
            eventConsumer.assign(TopicPartitions.of(eventConsumer, topics.events().name()));
            while (running) {
                replyConsumer.poll(Duration.ofMillis(50)).forEach(record ->
                        replies.computeIfAbsent(record.value().getCommandId(), id -> new CopyOnWriteArrayList<>()).add(record.value()));
                eventConsumer.poll(Duration.ofMillis(50)).forEach(record -> events.add(record.value()));
            }
        }
    }

    public SeatCommand command(String tenant, Actor actor, Object payload) {
        return new SeatCommand(UUID.randomUUID(), tenant, Instant.now().truncatedTo(ChronoUnit.MILLIS), actor,
                new Origin("127.0.0.1", "it"), replyPartition, payload);
    }

    public void send(SeatCommand command) {
        producer.send(topics.commands().record(command.getTenantId(), command));
    }

    /** Sends and waits for the decision. */
    public SeatDecision decide(SeatCommand command) {
        send(command);
        producer.flush();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
            if (readerFailure != null) {
                throw new IllegalStateException("the reply reader failed", readerFailure);
            }
            return replies.containsKey(command.getCommandId());
        });
        return replies.get(command.getCommandId()).get(0);
    }

    public void flush() {
        producer.flush();
    }

    public Map<UUID, List<SeatDecision>> replies() {
        return replies;
    }

    public List<LicenseEvent> events() {
        return events;
    }

    public void setUpTenant(String tenant, int seats, String licenseKey) {
        decide(command(tenant, new Actor("owner", Role.OWNER), new ConfigureTenant(Plan.ENTERPRISE, seats, null, null, null)));
        decide(command(tenant, new Actor("admin", Role.ADMIN), new CreateLicense(UUID.randomUUID(), licenseKey, Tier.PRO,
                List.of(), Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MILLIS), 0)));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
        producer.close();
    }
}
