package dev.seatflow.processor.topology;

import dev.seatflow.processor.decision.DecisionContext;
import dev.seatflow.processor.state.SeatStores;
import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.command.Tick;
import dev.seatflow.schemas.common.Origin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Lets time advance for a partition that went quiet: when, by the wall clock, a timer is due that
 * the log's time has not reached, writes a {@link Tick} to the task's own partition of the commands
 * topic. The broker stamps it with its append time like any command, and it is read after every
 * command appended before it: a tick never overtakes a queued heartbeat. The wall clock only
 * decides when to write a tick; what the tick does is decided by its time in the log.
 */
final class TickWriter {

    /** A tick not seen back after this long is written again (its transaction may have aborted). */
    static final Duration RESEND_AFTER = Duration.ofSeconds(30);
    private static final Origin NOWHERE = new Origin(null, null);

    private final ProcessorContext<String, Output> context;
    private final SeatStores stores;
    private final OutputEncoder encoder;
    private long writtenAt = -1;

    TickWriter(ProcessorContext<String, Output> context, SeatStores stores, OutputEncoder encoder) {
        this.context = context;
        this.stores = stores;
        this.encoder = encoder;
    }

    /** Punctuator (wall clock). */
    void maybeWrite(long wallClockMillis) {
        Optional<Timer> earliest = stores.timers().earliest();
        if (earliest.isEmpty() || earliest.get().due().toEpochMilli() > wallClockMillis) {
            return;
        }
        if (writtenAt >= 0 && wallClockMillis - writtenAt < RESEND_AFTER.toMillis()) {
            return;
        }
        int partition = context.taskId().partition();
        UUID id = UUID.nameUUIDFromBytes(("tick/" + context.taskId() + "/" + wallClockMillis).getBytes(StandardCharsets.UTF_8));
        SeatCommand tick = new SeatCommand(id, "", Instant.ofEpochMilli(wallClockMillis), DecisionContext.SYSTEM, NOWHERE, -1, new Tick());
        RecordHeaders headers = new RecordHeaders();
        context.forward(new Record<String, Output>(null, encoder.tick(partition, tick, headers), wallClockMillis, headers));
        writtenAt = wallClockMillis;
    }

    /** A tick came back through the log. */
    void seen() {
        writtenAt = -1;
    }
}
