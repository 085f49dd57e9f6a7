package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class OutputEncoderTest {

    private final OutputEncoder encoder = new OutputEncoder(new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded())));

    @Test
    void encodesAnEventAsItsTopicsSerializerDoes() {
        Output.Event event = encoder.event(deactivated(3), new RecordHeaders());

        assertThat(event.value()).isNotEmpty();
    }

    @Test
    void refusesARecordLargerThanATopicAcceptsInsteadOfFailingInTheProducerOnEveryReplay() {
        // A license deactivated under 30,000 live sessions names them all: about 1.1 MB.
        LicenseEvent huge = deactivated(30_000);

        assertThatThrownBy(() -> encoder.event(huge, new RecordHeaders()))
                .isInstanceOf(UndeliverableOutput.class)
                .hasMessageContaining("more than the 1000000 a record may have");
    }

    @Test
    void refusesAValueTheSchemaCannotEncode() {
        LicenseEvent broken = deactivated(1);
        broken.setAction(null);

        assertThatThrownBy(() -> encoder.event(broken, new RecordHeaders())).isInstanceOf(UndeliverableOutput.class);
    }

    private static LicenseEvent deactivated(int sessions) {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        LicenseState license = new LicenseState(UUID.randomUUID(), "KEY", Tier.PRO, List.of(), now.plusSeconds(86_400), false, 0, now, now);
        List<UUID> ended = IntStream.range(0, sessions).mapToObj(i -> UUID.randomUUID()).toList();
        return new LicenseEvent(UUID.randomUUID(), "acme", 1L, now, UUID.randomUUID(), new Actor("admin", Role.ADMIN), null,
                AuditAction.LICENSE_DEACTIVATED, ResourceType.LICENSE, license.getLicenseId().toString(), new LicenseDetails(license, null, ended), 1);
    }
}
