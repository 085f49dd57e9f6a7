package dev.seatflow.processor.topology;

import dev.seatflow.processor.decision.DecisionContext;
import dev.seatflow.processor.decision.SeatDecider;
import dev.seatflow.processor.metrics.SeatMetrics;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.processor.state.Keys;
import dev.seatflow.processor.state.SeatStores;
import dev.seatflow.processor.timer.DueTimers;
import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.support.tracing.TraceHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every command of the tenants of one task, in order, and fires their due timers.
 *
 * <p>Commands arrive as bytes and are decoded here, so that one that cannot be decoded goes to
 * the dead-letter topic, inside the same transaction, instead of stopping the application.
 */
final class CommandProcessor implements Processor<String, byte[], String, Output> {

    static final String DLQ_REASON_HEADER = "seatflow.dlq.reason";
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    private static final int TIMERS_PER_ROUND = 10_000;
    private static final Duration METRICS_INTERVAL = Duration.ofSeconds(15);

    private final Deserializer<SeatCommand> commands;
    private final DecisionPolicy policy;
    private final SeatMetrics metrics;
    private final Tracer tracer;
    private final SeatDecider decider = new SeatDecider();
    private ProcessorContext<String, Output> context;
    private SeatStores stores;
    private DueTimers timers;
    private String task;

    CommandProcessor(Deserializer<SeatCommand> commands, DecisionPolicy policy, SeatMetrics metrics, Tracer tracer) {
        this.tracer = tracer;
        this.commands = commands;
        this.policy = policy;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.stores = new SeatStores(context);
        this.timers = new DueTimers(stores.timers());
        this.task = context.taskId().toString();
        context.schedule(policy.lapseCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
        context.schedule(METRICS_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> reportState());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        SeatCommand command;
        try {
            command = commands.deserialize(context.recordMetadata().map(m -> m.topic()).orElse(""), record.value());
        } catch (SerializationException e) {
            deadLetter(record, "undecodable", e.getMessage());
            return;
        }
        if (command == null) {
            deadLetter(record, "empty", "no command in the record");
            return;
        }
        if (!Keys.isValidTenant(command.getTenantId()) || !command.getTenantId().equals(record.key())) {
            deadLetter(record, "tenant", "tenant id '" + command.getTenantId() + "' is malformed or differs from the key '" + record.key() + "'");
            return;
        }
        String tenant = command.getTenantId();
        // The decision's span continues the gateway's trace; every output carries the span's context.
        Span span = tracer.spanBuilder("decide " + command.getPayload().getClass().getSimpleName())
                .setParent(TraceHeaders.extract(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("seatflow.tenant_id", tenant)
                .setAttribute("seatflow.command_id", command.getCommandId().toString())
                .startSpan();
        Headers outgoing = TraceHeaders.with(record.headers(), span);
        try (var logContext = LogContext.of(span.getSpanContext(), command)) {
            SeatDecision decided = decide(record.withHeaders(outgoing), command, tenant);
            if (decided != null) {
                span.setAttribute("seatflow.outcome", decided.getOutcome().name());
            }
        } finally {
            span.end();
        }
    }

    /** The decision (null when the command was dead-lettered). */
    private SeatDecision decide(Record<String, byte[]> record, SeatCommand command, String tenant) {
        var first = stores.decision(tenant, command.getCommandId());
        if (first.isPresent()) {
            metrics.repeated();
            reply(command, first.get(), record);
            return first.get();
        }
        DecisionContext decision = DecisionContext.forCommand(tenant, command.getCommandId(), command.getIssuedAt(),
                command.getActor(), command.getOrigin(), stores, timers, policy);
        SeatDecision decided;
        try {
            decided = decider.decide(decision, command.getPayload());
        } catch (RuntimeException e) {
            log.error("command {} of tenant {} could not be decided", command.getCommandId(), tenant, e);
            deadLetter(record, "failed", e.toString());
            return null;
        }
        remember(tenant, command, decided);
        emit(decision, record.timestamp(), record.headers());
        reply(command, decided, record);
        metrics.decided(decided.getOutcome(), Duration.between(command.getIssuedAt(), Instant.ofEpochMilli(context.currentSystemTimeMs())));
        return decided;
    }

    private void remember(String tenant, SeatCommand command, SeatDecision decided) {
        stores.putDecision(tenant, decided);
        Duration keep = command.getPayload() instanceof Heartbeat ? policy.heartbeatDecisionRetention() : policy.decisionRetention();
        timers.schedule(new Timer(command.getIssuedAt().plus(keep), tenant, Timer.Kind.FORGET_DECISION, command.getCommandId().toString()));
    }

    private void fireDueTimers(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        List<Timer> due = timers.due(now, TIMERS_PER_ROUND);
        for (Timer timer : due) {
            DecisionContext decision = DecisionContext.forTimer(timer.tenant(), now, stores, timers, policy);
            decider.onTimer(decision, timer);
            timers.cancel(timer);
            emit(decision, wallClockMillis, new RecordHeaders());
        }
    }

    /** Outputs carry the command's headers (its trace context) downstream. */
    private void emit(DecisionContext decision, long timestamp, Headers headers) {
        decision.events().events().forEach(event ->
                context.forward(new Record<String, Output>(event.getTenantId(), new Output.Event(event), timestamp, headers)));
        decision.heartbeats().forEach(heartbeat ->
                context.forward(new Record<String, Output>(heartbeat.getTenantId(), new Output.HeartbeatSeen(heartbeat), timestamp, headers)));
    }

    private void reply(SeatCommand command, SeatDecision decision, Record<String, byte[]> record) {
        if (command.getReplyPartition() >= 0) {
            context.forward(new Record<String, Output>(command.getCommandId().toString(),
                    new Output.Reply(command.getReplyPartition(), decision), record.timestamp(), record.headers()));
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason, String detail) {
        log.warn("dead-lettering command at {}: {} ({})", context.recordMetadata().map(Object::toString).orElse("?"), reason, detail);
        metrics.deadLettered(reason);
        Record<String, Output> letter = new Record<String, Output>(record.key(), new Output.DeadLetter(record.value()), record.timestamp(), record.headers());
        letter.headers().add(DLQ_REASON_HEADER, (reason + ": " + detail).getBytes(StandardCharsets.UTF_8));
        context.forward(letter);
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
