package dev.seatflow.processor.topology;

import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes outputs with their topics' serializers before anything of the decision is applied.
 * A failure that would repeat on every retry becomes {@link UndeliverableOutput}; any other
 * (a schema registry that does not answer) propagates, so the task stops and retries the record.
 */
final class OutputEncoder {

    /**
     * Largest record we write. The broker's default {@code max.message.bytes} and the producer's
     * {@code max.request.size} are about 1 MiB; a larger record would fail in the producer after the
     * decision was applied, and again on every replay. Headroom covers record overhead.
     */
    static final int MAX_RECORD_BYTES = 1_000_000;

    private final TopicCatalog topics;
    private final Serializer<SeatDecision> replies;
    private final Serializer<LicenseEvent> events;
    private final Serializer<SessionHeartbeat> heartbeats;
    private final Serializer<SeatCommand> commands;

    OutputEncoder(TopicCatalog topics) {
        this.topics = topics;
        this.replies = topics.replies().valueSerde().serializer();
        this.events = topics.events().valueSerde().serializer();
        this.heartbeats = topics.heartbeats().valueSerde().serializer();
        this.commands = topics.commands().valueSerde().serializer();
    }

    Output.Reply reply(int partition, SeatDecision decision, String key, Headers headers) {
        return new Output.Reply(partition, encode(replies, topics.replies().name(), decision, key, headers));
    }

    Output.Event event(LicenseEvent event, Headers headers) {
        return new Output.Event(encode(events, topics.events().name(), event, event.getTenantId(), headers));
    }

    Output.HeartbeatSeen heartbeat(SessionHeartbeat heartbeat, Headers headers) {
        return new Output.HeartbeatSeen(encode(heartbeats, topics.heartbeats().name(), heartbeat, heartbeat.getTenantId(), headers));
    }

    Output.Tick tick(int partition, SeatCommand tick, Headers headers) {
        return new Output.Tick(partition, encode(commands, topics.commands().name(), tick, null, headers));
    }

    private static <T> byte[] encode(Serializer<T> serializer, String topic, T value, String key, Headers headers) {
        byte[] bytes;
        try {
            bytes = serializer.serialize(topic, headers, value);
        } catch (SerializationException e) {
            if (isDataError(e)) {
                throw new UndeliverableOutput("cannot encode " + value.getClass().getSimpleName() + " for " + topic, e);
            }
            throw e;
        }
        long size = bytes.length + (key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length) + size(headers);
        if (size > MAX_RECORD_BYTES) {
            throw new UndeliverableOutput(value.getClass().getSimpleName() + " for " + topic + " is " + size
                    + " bytes, more than the " + MAX_RECORD_BYTES + " a record may have", null);
        }
        return bytes;
    }

    /** Whether the value itself is at fault (as opposed to, say, a registry that cannot be reached). */
    private static boolean isDataError(Throwable error) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof AvroRuntimeException || cause instanceof NullPointerException || cause instanceof ClassCastException) {
                return true;
            }
        }
        return false;
    }

    private static long size(Headers headers) {
        long size = 0;
        for (Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
