package dev.seatflow.gateway.chaos;

import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionDetails;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.topic.Topic;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.testkit.TopicPartitions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** What the processors committed: every event and every heartbeat record, read with read_committed. */
final class CommittedLog {

    final List<LicenseEvent> events;
    final List<SessionHeartbeat> heartbeats;

    private CommittedLog(List<LicenseEvent> events, List<SessionHeartbeat> heartbeats) {
        this.events = events;
        this.heartbeats = heartbeats;
    }

    static CommittedLog read(String bootstrap, TopicCatalog topics) {
        List<LicenseEvent> events = readAll(bootstrap, topics.events());
        events.sort(Comparator.comparing(LicenseEvent::getTenantId).thenComparing(LicenseEvent::getSequence));
        return new CommittedLog(events, readAll(bootstrap, topics.heartbeats()));
    }

    Optional<LicenseEvent> event(UUID commandId, AuditAction action) {
        return events.stream().filter(e -> commandId.equals(e.getCommandId()) && e.getAction() == action).findFirst();
    }

    /** The session's start, and its end if it ended. */
    Optional<LicenseEvent> started(String session) {
        return sessionEvent(session, e -> e.getAction() == AuditAction.LICENSE_ACQUIRED);
    }

    Optional<LicenseEvent> ended(String session) {
        return sessionEvent(session, e -> e.getAction() != AuditAction.LICENSE_ACQUIRED);
    }

    boolean heartbeatRecorded(String session, Instant at) {
        return heartbeats.stream().anyMatch(h -> h.getSessionId().toString().equals(session) && h.getLastHeartbeatAt().equals(at));
    }

    private Optional<LicenseEvent> sessionEvent(String session, Predicate<LicenseEvent> which) {
        return events.stream().filter(e -> e.getDetails() instanceof SessionDetails details
                && details.getSession().getSessionId().toString().equals(session) && which.test(e)).findFirst();
    }

    private static <T> List<T> readAll(String bootstrap, Topic<String, T> topic) {
        List<T> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = TopicPartitions.of(consumer, topic.name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
