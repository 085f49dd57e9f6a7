package dev.seatflow.expiry.warning;

import dev.seatflow.schemas.command.RecordExpiryWarning;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a RecordExpiryWarning command per sent warning; the seat processor turns it into an
 * EXPIRY_WARNING_SENT event in the tenant's sequence. The command id is the notification id, so
 * a publish repeated after a crash is deduplicated by the processor.
 */
public final class WarningRecorder {

    private static final Logger log = LoggerFactory.getLogger(WarningRecorder.class);
    static final Actor ACTOR = new Actor("expiry-warner", Role.SYSTEM);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, SeatCommand> producer;
    private final TopicCatalog topics;

    public WarningRecorder(Producer<String, SeatCommand> producer, TopicCatalog topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** @return the warnings Kafka acknowledged */
    List<UUID> record(List<SentWarning> warnings, Instant now) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (SentWarning warning : warnings) {
            SeatCommand command = new SeatCommand(warning.id(), warning.tenantId(), now.truncatedTo(ChronoUnit.MILLIS), ACTOR,
                    new Origin(null, "seatflow-expiry-warner"), -1,
                    new RecordExpiryWarning(warning.licenseId(), warning.expiryDate().truncatedTo(ChronoUnit.MILLIS),
                            warning.threshold(), warning.channel()));
            sends.add(producer.send(topics.commands().record(warning.tenantId(), command)));
        }
        List<UUID> acknowledged = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(warnings.get(i).id());
            } catch (ExecutionException | TimeoutException e) {
                // left unrecorded: the next scan publishes it again (same command id)
                log.warn("EXPIRY_WARNING_SENT for {} not acknowledged by Kafka ({}); retried on the next scan", warnings.get(i).id(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }
}
