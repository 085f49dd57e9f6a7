package dev.seatflow.processor.decision;

import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.decision.SeatDecision;

/**
 * Decides a tenant's commands and acts on its due timers, reading and writing only through the
 * {@link DecisionContext}. A decider is a pure function of the context's state, time and command:
 * no clock, no random value, no iteration order that is not the stores' key order.
 * {@link SeatDecider} is the platform's; tests wrap it to inject faults.
 */
public interface Decider {

    SeatDecision decide(DecisionContext context, Object payload);

    /** Acts on a due timer; the timer itself has already been removed from the index. */
    void onTimer(DecisionContext context, Timer timer);
}
