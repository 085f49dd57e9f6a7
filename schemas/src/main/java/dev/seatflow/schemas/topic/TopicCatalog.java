package dev.seatflow.schemas.topic;

import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Seatflow topic, typed. Topic names appear nowhere else in the code base.
 *
 * <p>Keys are plain strings (tenant id, or command id for replies) so that partitioning is the
 * same whatever the value wire format; values are Avro records in the format the
 * {@link AvroSerdeFactory} was configured with. An optional prefix namespaces every name, so
 * that several environments (or tests) can share one cluster.
 */
public final class TopicCatalog {

    public static final String COMMANDS = "seatflow.commands.v1";
    public static final String REPLIES = "seatflow.replies.v1";
    public static final String EVENTS = "seatflow.events.v1";
    public static final String HEARTBEATS = "seatflow.heartbeats.v1";
    public static final String COMMANDS_DEAD_LETTER = "seatflow.commands.dlq.v1";
    public static final String EVENTS_DEAD_LETTER = "seatflow.events.dlq.v1";
    /** Commands are stamped by the broker: their timestamp is the log's time, not a producer's clock. */
    public static final String COMMANDS_TIMESTAMP_TYPE = "LogAppendTime";

    private final String prefix;
    private final Topic<String, SeatCommand> commands;
    private final Topic<String, SeatDecision> replies;
    private final Topic<String, LicenseEvent> events;
    private final Topic<String, SessionHeartbeat> heartbeats;
    private final Topic<byte[], byte[]> commandsDeadLetter;
    private final Topic<byte[], byte[]> eventsDeadLetter;

    public TopicCatalog(AvroSerdeFactory serdes) {
        this(serdes, "");
    }

    public TopicCatalog(AvroSerdeFactory serdes, String prefix) {
        this.prefix = prefix == null ? "" : prefix;
        commands = new Topic<>(name(COMMANDS), Serdes.String(), serdes.valueSerde(SeatCommand.class));
        replies = new Topic<>(name(REPLIES), Serdes.String(), serdes.valueSerde(SeatDecision.class));
        events = new Topic<>(name(EVENTS), Serdes.String(), serdes.valueSerde(LicenseEvent.class));
        heartbeats = new Topic<>(name(HEARTBEATS), Serdes.String(), serdes.valueSerde(SessionHeartbeat.class));
        commandsDeadLetter = new Topic<>(name(COMMANDS_DEAD_LETTER), Serdes.ByteArray(), Serdes.ByteArray());
        eventsDeadLetter = new Topic<>(name(EVENTS_DEAD_LETTER), Serdes.ByteArray(), Serdes.ByteArray());
    }

    /** The full name of a topic in this catalogue's namespace. */
    public String name(String baseName) {
        return prefix + baseName;
    }

    public String prefix() {
        return prefix;
    }

    public Topic<String, SeatCommand> commands() {
        return commands;
    }

    public Topic<String, SeatDecision> replies() {
        return replies;
    }

    public Topic<String, LicenseEvent> events() {
        return events;
    }

    public Topic<String, SessionHeartbeat> heartbeats() {
        return heartbeats;
    }

    public Topic<byte[], byte[]> commandsDeadLetter() {
        return commandsDeadLetter;
    }

    public Topic<byte[], byte[]> eventsDeadLetter() {
        return eventsDeadLetter;
    }

    /**
     * Topics to create, with their retention (and, for commands, the broker's append time as timestamp). Events are kept forever: they are the audit stream
     * and the source the Redis mirror and read models are rebuilt from.
     *
     * @param partitions partitions of the tenant-keyed topics (commands, events, heartbeats)
     * @param replyPartitions partitions of the reply topic: one per gateway instance at most
     */
    public List<TopicSpec> specs(int partitions, int replyPartitions) {
        String week = Long.toString(Duration.ofDays(7).toMillis());
        String hour = Long.toString(Duration.ofHours(1).toMillis());
        return List.of(
                // The broker's append time is each command's decision time (see the seat processor).
                new TopicSpec(name(COMMANDS), partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, week),
                        Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, COMMANDS_TIMESTAMP_TYPE)),
                new TopicSpec(name(REPLIES), replyPartitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, hour)),
                new TopicSpec(name(EVENTS), partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new TopicSpec(name(HEARTBEATS), partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, week)),
                new TopicSpec(name(COMMANDS_DEAD_LETTER), 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new TopicSpec(name(EVENTS_DEAD_LETTER), 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
    }
}
