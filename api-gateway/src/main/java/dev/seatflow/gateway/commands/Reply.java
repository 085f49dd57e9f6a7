package dev.seatflow.gateway.commands;

import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.CommandPosition;
import java.util.Objects;

/**
 * A decision read from a reply partition, with the position of the command record it answers
 * (null for replies of processors that do not write it).
 */
record Reply(SeatDecision decision, CommandPosition position) {

    /** Whether both answer the same command record: a replay of it, not a retry with its id. */
    boolean sameRecordAs(Reply other) {
        return Objects.equals(position, other.position);
    }
}
