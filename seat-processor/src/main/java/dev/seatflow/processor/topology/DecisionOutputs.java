package dev.seatflow.processor.topology;

import dev.seatflow.processor.decision.DecisionContext;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.CommandPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A decision's records (events, heartbeats, reply), encoded first and forwarded only once the
 * decision's state is committed. Outputs carry the command's headers (its trace context) and the
 * decision's time as their timestamp.
 */
final class DecisionOutputs {

    private final ProcessorContext<String, Output> context;
    private final OutputEncoder encoder;

    DecisionOutputs(ProcessorContext<String, Output> context, OutputEncoder encoder) {
        this.context = context;
        this.encoder = encoder;
    }

    /** Events and heartbeats of the decision, then its reply when there is one and someone waits for it. */
    List<Record<String, Output>> of(DecisionContext decision, ReplyTo replyTo, Instant time, Headers headers) {
        long timestamp = time.toEpochMilli();
        List<Record<String, Output>> records = new ArrayList<>();
        decision.events().events().forEach(event ->
                records.add(new Record<>(event.getTenantId(), encoder.event(event, headers), timestamp, headers)));
        decision.heartbeats().forEach(heartbeat ->
                records.add(new Record<>(heartbeat.getTenantId(), encoder.heartbeat(heartbeat, headers), timestamp, headers)));
        if (replyTo != null) {
            replyTo.reply(encoder, timestamp, headers).ifPresent(records::add);
        }
        return records;
    }

    void forward(List<Record<String, Output>> records) {
        records.forEach(context::forward);
    }

    /**
     * A command's decision, to be sent to the reply partition the command names (none when it
     * names -1), with the command record's position in the log as a header.
     */
    record ReplyTo(SeatCommand command, SeatDecision decision, CommandPosition position) {

        Optional<Record<String, Output>> reply(OutputEncoder encoder, long timestamp, Headers headers) {
            if (command.getReplyPartition() < 0) {
                return Optional.empty();
            }
            String key = command.getCommandId().toString();
            Headers withPosition = new RecordHeaders(headers.toArray());
            position.addTo(withPosition);
            return Optional.of(new Record<>(key, encoder.reply(command.getReplyPartition(), decision, key, withPosition), timestamp,
                    withPosition));
        }
    }
}
