package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.processor.topology.ReplayDriver.LogRecord;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * What processors wrote while reading a log, as bytes: the reply to each record of the log, and
 * events by tenant and sequence. Adding outputs checks that a record read twice (before and after
 * a crash) is answered with the same bytes and that a tenant's sequence number always names the
 * same event.
 */
final class ReplayOutputs {

    /** Tenant and sequence of an event. */
    record EventId(String tenant, long sequence) {
    }

    private final Map<LogRecord, byte[]> replies = new IdentityHashMap<>();
    private final Map<EventId, byte[]> events = new HashMap<>();
    int deadLetters;

    /** What was written while reading {@code record} (null: while only the wall clock moved). */
    void add(LogRecord record, List<KeyValue<String, byte[]>> newReplies, List<KeyValue<String, byte[]>> newEvents, TopicCatalog topics) {
        assertThat(newReplies).as("replies to one record").hasSizeLessThanOrEqualTo(record == null ? 0 : 1);
        for (KeyValue<String, byte[]> reply : newReplies) {
            byte[] first = replies.putIfAbsent(record, reply.value);
            assertThat(first == null ? reply.value : first).as("every reply to command %s", reply.key).isEqualTo(reply.value);
        }
        for (KeyValue<String, byte[]> event : newEvents) {
            LicenseEvent decoded = topics.events().valueSerde().deserializer().deserialize(topics.events().name(), event.value);
            EventId id = new EventId(event.key, decoded.getSequence());
            byte[] first = events.putIfAbsent(id, event.value);
            assertThat(first == null ? event.value : first).as("every event %s", id).isEqualTo(event.value);
        }
    }

    /** The reply to a record of the log, if it got one. */
    byte[] reply(LogRecord record) {
        return replies.get(record);
    }

    Map<LogRecord, byte[]> replies() {
        return replies;
    }

    Map<EventId, byte[]> events() {
        return events;
    }
}
