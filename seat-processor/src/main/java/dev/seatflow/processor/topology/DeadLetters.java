package dev.seatflow.processor.topology;

import dev.seatflow.processor.metrics.SeatMetrics;
import dev.seatflow.processor.timer.DueTimers;
import dev.seatflow.processor.timer.Timer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what cannot be decided to {@code seatflow.commands.dlq.v1}, inside the task's transaction:
 * a command byte for byte, or a timer as its index key. The reason travels in a header; every
 * letter is counted and logged, and the task goes on with the next record.
 */
final class DeadLetters {

    static final String REASON_HEADER = "seatflow.dlq.reason";
    /** {@code command} or {@code timer}: what the letter's value is. */
    static final String SOURCE_HEADER = "seatflow.dlq.source";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final ProcessorContext<String, Output> context;
    private final SeatMetrics metrics;

    DeadLetters(ProcessorContext<String, Output> context, SeatMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    /** A command that cannot be decoded, belongs to no valid tenant, or whose decision failed. */
    void command(Record<String, byte[]> record, String reason, String detail, Throwable failure) {
        String where = context.recordMetadata().map(Object::toString).orElse("?");
        if (failure == null) {
            log.warn("dead-lettering the command at {}: {} ({})", where, reason, detail);
        } else {
            log.error("dead-lettering the command at {}: {} ({})", where, reason, detail, failure);
        }
        send(record.key(), record.value(), record.timestamp(), record.headers(), "command", reason + ": " + detail, reason);
    }

    /** A due timer whose handling failed: it is removed from the index and recorded here instead. */
    void timer(Timer timer, RuntimeException failure) {
        log.error("dead-lettering the {} timer of tenant {} for {} due at {}", timer.kind(), timer.tenant(), timer.id(), timer.due(), failure);
        send(timer.tenant(), DueTimers.key(timer).getBytes(StandardCharsets.UTF_8), timer.due().toEpochMilli(), new RecordHeaders(),
                "timer", "failed: " + failure, "timer-failed");
    }

    private void send(String key, byte[] value, long timestamp, Headers headers, String source, String reason, String metric) {
        metrics.deadLettered(metric);
        Record<String, Output> letter = new Record<String, Output>(key, new Output.DeadLetter(value), timestamp,
                new RecordHeaders(headers.toArray()));
        letter.headers().add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        context.forward(letter);
    }
}
