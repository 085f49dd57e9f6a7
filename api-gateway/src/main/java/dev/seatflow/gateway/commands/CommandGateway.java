package dev.seatflow.gateway.commands;

import dev.seatflow.gateway.commands.CommandIds.CommandId;
import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.config.GatewaySettings.ReplyIsolation;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.tracing.TraceContextFilter;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.schemas.CommandFingerprint;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Request-reply over Kafka: publishes a command keyed by the caller's tenant, naming one of this
 * instance's reply partitions, and completes when the processor's decision arrives: as soon as it
 * is written ({@code reply-isolation=early}, each answer then checked against the committed
 * reply; see {@link ReplyRouter}) or once committed. Nothing blocks an event-loop thread; a
 * command whose decision does not arrive in time is answered 503 with the idempotency key to
 * retry with, which reaches the same command and gets the same decision.
 */
public final class CommandGateway implements SmartLifecycle {

    /** {@code reply_partition} of a command nobody waits for. */
    private static final int NO_REPLY = -1;
    /**
     * How long the broker may hold a reply fetch with nothing to return. A reply that arrives ends
     * the wait at once, so a longer wait costs no latency, only fewer idle fetches; and the readers
     * are assigned their partitions (no rebalance ever waits for a fetch in flight).
     */
    static final Duration REPLY_FETCH_WAIT = Duration.ofSeconds(5);

    private final TopicCatalog topics;
    private final Clock clock;
    private final Duration decisionTimeout;
    private final List<Integer> replyPartitions;
    private final AtomicInteger nextPartition = new AtomicInteger();
    private final PendingDecisions pending = new PendingDecisions(runnable -> Schedulers.parallel().schedule(runnable));
    private final ReplyRouter router;
    private final Admission admission;
    private final List<ReplyReader> readers;
    private final Map<String, Object> producerSettings;
    private volatile KafkaProducer<String, SeatCommand> producer;
    private Disposable sweeping;

    public CommandGateway(Map<String, Object> clientSettings, TopicCatalog topics, GatewaySettings settings, Clock clock,
                          MeterRegistry meters) {
        this.topics = topics;
        this.clock = clock;
        this.decisionTimeout = settings.decisionTimeout();
        this.replyPartitions = List.copyOf(settings.replyPartitions());
        int sendTimeout = (int) settings.kafkaSendTimeout().toMillis();
        Map<String, Object> producer = new HashMap<>(clientSettings);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Kafka away must become a quick 503, not a request hanging for the client defaults (60 s+).
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, sendTimeout);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeout);
        this.producerSettings = producer;
        this.router = new ReplyRouter(pending, meters, clock);
        this.admission = new Admission(settings.inFlight(), meters, System::nanoTime);
        ReplyReader committed = new ReplyReader("committed", clientSettings, "read_committed", REPLY_FETCH_WAIT,
                topics.replies(), replyPartitions, router::committed, meters);
        this.readers = settings.replyIsolation() == ReplyIsolation.EARLY
                ? List.of(new ReplyReader("early", clientSettings, "read_uncommitted", REPLY_FETCH_WAIT,
                        topics.replies(), replyPartitions, router::early, meters), committed)
                : List.of(committed);
    }

    /** Publishes the command and waits for its decision. */
    public Mono<SeatDecision> submit(Caller caller, Origin origin, CommandId commandId, Object payload) {
        SeatCommand command = command(caller, origin, commandId.id(), payload, nextReplyPartition());
        return admitted(caller, true, () -> {
            Optional<PendingDecisions.Waiter> await = pending.await(commandId.id(), CommandFingerprint.of(payload));
            if (await.isEmpty()) {
                return Mono.error(new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSE,
                        "this Idempotency-Key is in use by a different request; use a new key for a new request"));
            }
            PendingDecisions.Waiter waiter = await.get();
            return publish(command)
                    .then(Mono.fromFuture(waiter.decision(), true))
                    .timeout(decisionTimeout)
                    .onErrorMap(TimeoutException.class, e -> new ApiException(ErrorCode.DECISION_PENDING,
                            "no decision within " + decisionTimeout.toMillis() + " ms; retry with the header "
                                    + CommandIds.HEADER + ": " + commandId.idempotencyKey())
                            .with("command_id", commandId.id().toString())
                            .with("idempotency_key", commandId.idempotencyKey())
                            .retryAfter(Duration.ofSeconds(1)))
                    .doOnError(e -> pending.abandon(waiter))
                    .doOnCancel(() -> pending.abandon(waiter));
        });
    }

    /**
     * Publishes the command without waiting for its decision; completes once Kafka has it (acks=all)
     * with its append time, which is the time the processor decides it at (or a little before, if
     * the log's time is already past it). The processor decides it as any other but sends no reply.
     */
    public Mono<Instant> publishOnly(Caller caller, Origin origin, CommandId commandId, Object payload) {
        return admitted(caller, false, () -> publish(command(caller, origin, commandId.id(), payload, NO_REPLY)));
    }

    /**
     * Runs {@code work} in an admission slot of the caller's tenant, held until it ends either way.
     *
     * @param decided whether {@code work} ends with the decision: then its time is a sample of how
     *     long decisions take (admission watches it for a standing queue)
     */
    private <T> Mono<T> admitted(Caller caller, boolean decided, Supplier<Mono<T>> work) {
        return Mono.usingWhen(Mono.fromCallable(() -> admission.enter(caller.tenantId())), ticket -> work.get(),
                ticket -> Mono.fromRunnable(decided ? ticket::answered : ticket::close),
                (ticket, error) -> Mono.fromRunnable(ticket::close),
                ticket -> Mono.fromRunnable(ticket::close));
    }

    /** This instance's reply partitions in turn. */
    private int nextReplyPartition() {
        return replyPartitions.get(Math.floorMod(nextPartition.getAndIncrement(), replyPartitions.size()));
    }

    private SeatCommand command(Caller caller, Origin origin, UUID commandId, Object payload, int replyPartition) {
        return new SeatCommand(commandId, caller.tenantId(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                new Actor(caller.userId(), caller.role()), origin, replyPartition, payload);
    }

    /** Completes with the command's timestamp in the log: the broker's append time on the commands topic. */
    private Mono<Instant> publish(SeatCommand command) {
        return Mono.<Instant>create(sink -> {
                    try {
                        ProducerRecord<String, SeatCommand> record = topics.commands().record(command.getTenantId(), command);
                        sink.contextView().<String>getOrEmpty(TraceContextFilter.HEADER).ifPresent(traceparent ->
                                record.headers().add(TraceContextFilter.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII)));
                        producer.send(record, (metadata, error) -> {
                            if (error != null) {
                                sink.error(error);
                            } else {
                                sink.success(Instant.ofEpochMilli(metadata.timestamp()));
                            }
                        });
                    } catch (RuntimeException e) {
                        sink.error(e);
                    }
                })
                // send() blocks while it looks up metadata (up to max.block.ms): keep it off the event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof ApiException), e -> new ApiException(ErrorCode.KAFKA_UNAVAILABLE,
                        "the command could not be written to Kafka; retry with the same " + CommandIds.HEADER, e)
                        .with("command_id", command.getCommandId().toString()).retryAfter(Duration.ofSeconds(2)));
    }

    /** True once every reply reader is positioned: a reply written from now on is seen. */
    public boolean isListening() {
        return readers.stream().allMatch(ReplyReader::isPositioned);
    }

    @Override
    public void start() {
        producer = new KafkaProducer<>(producerSettings, topics.commands().keySerde().serializer(), topics.commands().valueSerde().serializer());
        readers.forEach(ReplyReader::start);
        sweeping = Schedulers.parallel().schedulePeriodically(router::forgetUnconfirmed, 1, 1, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        sweeping.dispose();
        readers.forEach(ReplyReader::stop);
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return producer != null;
    }
}
