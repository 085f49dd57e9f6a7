package dev.seatflow.expiry;

import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Plays the seat processor's event output: license events on the real events topic, in tenant sequence. */
final class LicenseEvents implements AutoCloseable {

    private final TopicCatalog topics;
    private final KafkaProducer<String, LicenseEvent> producer;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<UUID, LicenseState> licenses = new HashMap<>();

    LicenseEvents(String bootstrap, TopicCatalog topics) {
        this.topics = topics;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
                topics.events().keySerde().serializer(), topics.events().valueSerde().serializer());
    }

    /** @return the event's sequence */
    long created(String tenant, UUID licenseId, String key, Instant expiry, Instant at) {
        LicenseState license = new LicenseState(licenseId, key, Tier.PRO, List.of(), millis(expiry), true, 0, millis(at), millis(at));
        return publish(tenant, AuditAction.LICENSE_CREATED, license, at);
    }

    long extended(String tenant, UUID licenseId, Instant newExpiry, Instant at) {
        LicenseState license = LicenseState.newBuilder(licenses.get(licenseId)).setExpiryDate(millis(newExpiry)).setUpdatedAt(millis(at)).build();
        return publish(tenant, AuditAction.LICENSE_UPDATED, license, at);
    }

    long deactivated(String tenant, UUID licenseId, Instant at) {
        LicenseState license = LicenseState.newBuilder(licenses.get(licenseId)).setActive(false).setUpdatedAt(millis(at)).build();
        return publish(tenant, AuditAction.LICENSE_DEACTIVATED, license, at);
    }

    long deleted(String tenant, UUID licenseId, Instant at) {
        return publish(tenant, AuditAction.LICENSE_DELETED, licenses.get(licenseId), at);
    }

    private long publish(String tenant, AuditAction action, LicenseState license, Instant at) {
        long sequence = sequences.merge(tenant, 1L, Long::sum);
        LicenseEvent event = new LicenseEvent(UUID.randomUUID(), tenant, sequence, millis(at), UUID.randomUUID(),
                new Actor("admin", Role.ADMIN), null, action, ResourceType.LICENSE, license.getLicenseId().toString(),
                new LicenseDetails(license, licenses.get(license.getLicenseId()), List.of()), 1);
        licenses.put(license.getLicenseId(), license);
        try {
            producer.send(topics.events().record(tenant, event)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + action, e);
        }
        return sequence;
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
