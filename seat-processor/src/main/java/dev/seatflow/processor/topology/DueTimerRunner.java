package dev.seatflow.processor.topology;

import dev.seatflow.processor.decision.DecisionContext;
import dev.seatflow.processor.decision.Decider;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.processor.state.SeatStores;
import dev.seatflow.processor.timer.DueTimers;
import dev.seatflow.processor.timer.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.MDC;

/**
 * Acts on every timer due by the log's time, oldest first, before the record that moved the time
 * is decided. Each timer is its own atomic step, decided at its due time: a session that lapsed
 * ends at its expiry and its seat is free for any command at or after that instant, however late
 * the command that noticed it. A timer whose handling fails is dead-lettered, not retried forever.
 */
final class DueTimerRunner {

    private final Decider decider;
    private final SeatStores stores;
    private final DecisionPolicy policy;
    private final DecisionOutputs outputs;
    private final DeadLetters deadLetters;

    DueTimerRunner(Decider decider, SeatStores stores, DecisionPolicy policy, DecisionOutputs outputs, DeadLetters deadLetters) {
        this.decider = decider;
        this.stores = stores;
        this.policy = policy;
        this.outputs = outputs;
        this.deadLetters = deadLetters;
    }

    void fireUpTo(Instant logTime) {
        DueTimers timers = stores.timers();
        for (Optional<Timer> next = timers.next(logTime); next.isPresent(); next = timers.next(logTime)) {
            Timer timer = next.get();
            MDC.put("tenant_id", timer.tenant());
            try {
                fire(timers, timer);
            } finally {
                MDC.remove("tenant_id");
            }
        }
    }

    private void fire(DueTimers timers, Timer timer) {
        List<Record<String, Output>> emitted;
        try {
            timers.cancel(timer);
            DecisionContext context = DecisionContext.forTimer(timer, stores, policy);
            decider.onTimer(context, timer);
            if (timers.contains(timer)) {
                // It would fire again at once, and again: refuse it rather than loop.
                throw new IllegalStateException("the timer scheduled itself again for the same instant");
            }
            emitted = outputs.of(context, null, timer.due(), new RecordHeaders());
        } catch (RuntimeException failure) {
            stores.rollback();
            if (!Failures.isDeterministic(failure)) {
                throw failure;
            }
            timers.cancel(timer);
            stores.commit();
            deadLetters.timer(timer, failure);
            return;
        }
        stores.commit();
        outputs.forward(emitted);
    }
}
