package dev.seatflow.gateway.commands;

import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.CommandPosition;
import java.util.UUID;

/**
 * A decision read from a reply partition, with the position of the command record it answers
 * (null for replies of processors that do not write it).
 */
record Reply(SeatDecision decision, CommandPosition position) {

    /** The command record answered: a replay of it has the same, a retry with its id another. */
    Record record() {
        return new Record(decision.getCommandId(), position);
    }

    /** A command record: its command id and its place in the log (null from processors that do not say). */
    record Record(UUID commandId, CommandPosition position) {
    }
}
