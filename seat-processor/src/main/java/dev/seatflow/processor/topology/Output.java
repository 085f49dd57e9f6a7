package dev.seatflow.processor.topology;

import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;

/** What the command processor emits; the topology routes each kind to its own topic. */
public sealed interface Output {

    /** A decision for the gateway waiting on {@code partition} of the reply topic. */
    record Reply(int partition, SeatDecision decision) implements Output {
    }

    record Event(LicenseEvent event) implements Output {
    }

    record HeartbeatSeen(SessionHeartbeat heartbeat) implements Output {
    }

    /** A command that cannot be decided, kept byte for byte; the reason travels in a header. */
    record DeadLetter(byte[] value) implements Output {
    }
}
