package dev.seatflow.processor.topology;

import dev.seatflow.processor.decision.DecisionContext;
import dev.seatflow.processor.decision.Decider;
import dev.seatflow.processor.decision.RequestFingerprint;
import dev.seatflow.processor.metrics.SeatMetrics;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.processor.state.Keys;
import dev.seatflow.processor.state.SeatStores;
import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.CommandFingerprint;
import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.command.Tick;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.CommandPosition;
import dev.seatflow.support.tracing.TraceHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides every command of the tenants of one task, in log order, at the log's time.
 *
 * <p>Each record first moves the log's time to its timestamp (the broker's append time) and lets
 * every timer due by then act, then the command is decided at that time. A decision is atomic:
 * its store writes are buffered and its outputs encoded, and only when all of that succeeded are
 * the writes applied and the outputs forwarded; a decision that fails leaves no trace and its
 * command is dead-lettered. Commands arrive as bytes and are decoded here, so that one that cannot
 * be decoded is dead-lettered inside the same transaction instead of stopping the application.
 */
final class CommandProcessor implements Processor<String, byte[], String, Output> {

    private static final Duration METRICS_INTERVAL = Duration.ofSeconds(15);

    private final Deserializer<SeatCommand> commands;
    private final OutputEncoder encoder;
    private final DecisionPolicy policy;
    private final SeatMetrics metrics;
    private final Tracer tracer;
    private final Decider decider;
    private ProcessorContext<String, Output> context;
    private SeatStores stores;
    private DecisionOutputs outputs;
    private DeadLetters deadLetters;
    private DueTimerRunner timers;
    private TickWriter ticks;
    private String task;

    CommandProcessor(Deserializer<SeatCommand> commands, OutputEncoder encoder, DecisionPolicy policy, SeatMetrics metrics,
                     Tracer tracer, Decider decider) {
        this.commands = commands;
        this.encoder = encoder;
        this.policy = policy;
        this.metrics = metrics;
        this.tracer = tracer;
        this.decider = decider;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.stores = new SeatStores(context);
        this.outputs = new DecisionOutputs(context, encoder);
        this.deadLetters = new DeadLetters(context, metrics);
        this.timers = new DueTimerRunner(decider, stores, policy, outputs, deadLetters);
        this.ticks = new TickWriter(context, stores, encoder);
        this.task = context.taskId().toString();
        // Wall-clock punctuation writes ticks and reports metrics; it decides nothing.
        context.schedule(policy.tickInterval(), PunctuationType.WALL_CLOCK_TIME, ticks::maybeWrite);
        context.schedule(METRICS_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> reportState());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Instant now = stores.advanceLogTime(Instant.ofEpochMilli(record.timestamp()));
        stores.commit();
        timers.fireUpTo(now);

        SeatCommand command;
        try {
            command = commands.deserialize(context.recordMetadata().map(m -> m.topic()).orElse(""), record.value());
        } catch (SerializationException e) {
            deadLetters.command(record, "undecodable", e.getMessage(), null);
            return;
        }
        if (command == null) {
            deadLetters.command(record, "empty", "no command in the record", null);
            return;
        }
        if (command.getPayload() instanceof Tick) {
            ticks.seen();
            return;
        }
        if (!Keys.isValidTenant(command.getTenantId()) || !command.getTenantId().equals(record.key())) {
            deadLetters.command(record, "tenant", "tenant id '" + command.getTenantId() + "' is malformed or differs from the key '"
                    + record.key() + "'", null);
            return;
        }
        // The decision's span continues the gateway's trace; every output carries the span's context.
        Span span = tracer.spanBuilder("decide " + command.getPayload().getClass().getSimpleName())
                .setParent(TraceHeaders.extract(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("seatflow.tenant_id", command.getTenantId())
                .setAttribute("seatflow.command_id", command.getCommandId().toString())
                .startSpan();
        Headers outgoing = TraceHeaders.with(record.headers(), span);
        try (var logContext = LogContext.of(span.getSpanContext(), command)) {
            SeatDecision decided = decide(record, command, now, outgoing);
            if (decided != null) {
                span.setAttribute("seatflow.outcome", decided.getOutcome().name());
            }
        } finally {
            span.end();
        }
    }

    /** The decision (null when the command was dead-lettered). */
    private SeatDecision decide(Record<String, byte[]> record, SeatCommand command, Instant now, Headers headers) {
        String tenant = command.getTenantId();
        // A heartbeat is not remembered: deciding a repeated one again extends the same session
        // again, which is what its sender asks for, and remembering it (a decision and a forget
        // timer written, both deleted later) was half the state writes of every heartbeat.
        boolean remembered = !(command.getPayload() instanceof Heartbeat);
        Optional<SeatDecision> first = remembered ? stores.decision(tenant, command.getCommandId()) : Optional.empty();
        DecisionContext decision = DecisionContext.forCommand(tenant, command.getCommandId(), now,
                command.getActor(), command.getOrigin(), stores, policy);
        SeatDecision decided;
        List<Record<String, Output>> emitted;
        try {
            ByteBuffer asked = remembered ? CommandFingerprint.of(command.getPayload()) : null;
            decided = first.isPresent() ? RequestFingerprint.answerAgain(decision, first.get(), asked)
                    : decider.decide(decision, command.getPayload());
            if (remembered && first.isEmpty()) {
                remember(tenant, command, RequestFingerprint.remembered(decided, asked), now);
            }
            emitted = outputs.of(decision, new DecisionOutputs.ReplyTo(command, decided, position()), now, headers);
        } catch (RuntimeException failure) {
            stores.rollback();
            if (!Failures.isDeterministic(failure)) {
                throw failure;
            }
            deadLetters.command(record, "failed", failure.toString(), failure);
            return null;
        }
        stores.commit();
        outputs.forward(emitted);
        if (first.isPresent()) {
            metrics.repeated();
        } else {
            metrics.decided(decided.getOutcome(), Duration.between(command.getIssuedAt(), Instant.ofEpochMilli(context.currentSystemTimeMs())));
        }
        return decided;
    }

    /** The decision answers the same command id again until the id is forgotten. */
    private void remember(String tenant, SeatCommand command, SeatDecision decided, Instant now) {
        stores.putDecision(tenant, decided);
        stores.timers().schedule(new Timer(now.plus(policy.decisionRetention()), tenant, Timer.Kind.FORGET_DECISION,
                command.getCommandId().toString()));
    }

    /** The command record's place in the log, which its reply names (see {@link CommandPosition}). */
    private CommandPosition position() {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        return new CommandPosition(metadata.partition(), metadata.offset());
    }

    private void reportState() {
        long live = 0;
        KeyValueStore<String, TenantSettings> tenants = context.getStateStore(SeatTopology.TENANTS_STORE);
        try (var all = tenants.all()) {
            while (all.hasNext()) {
                live += all.next().value.getSeatsInUse();
            }
        }
        metrics.liveSessions(task, live);
        metrics.storeSizes(task, stores.approximateSizes());
    }

    @Override
    public void close() {
        metrics.taskClosed(task);
    }
}
