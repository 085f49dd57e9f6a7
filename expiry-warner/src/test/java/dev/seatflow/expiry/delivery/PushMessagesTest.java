package dev.seatflow.expiry.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.expiry.channels.ChannelSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PushMessagesTest {

    static Warning warning(Duration threshold) {
        return warning("acme", "acme-admins", threshold);
    }

    static Warning warning(String tenant, String topic, Duration threshold) {
        return new Warning(UUID.fromString("00000000-0000-0000-0000-000000000001"), tenant,
                UUID.fromString("00000000-0000-0000-0000-0000000000aa"), "SECRET-KEY", Instant.parse("2027-01-31T00:00:00Z"),
                threshold, ExpiryChannel.PUSH, Instant.parse("2027-01-24T00:00:00Z"), ChannelSettings.of(tenant).withFcmTopic(topic));
    }

    @Test
    void buildsATopicMessageWithTheWarningAsDataAndAReadableNotification() {
        PushMessage message = PushMessages.build(warning(Duration.ofDays(7)));

        assertThat(message.topic()).as("inside the tenant's namespace").isEqualTo("t.acme.acme-admins");
        assertThat(message.title()).isEqualTo("License expiring");
        assertThat(message.body()).isEqualTo("A license expires within 7 days (2027-01-31 00:00 UTC).");
        assertThat(message.data()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "type", "license.expiry_warning",
                "id", "00000000-0000-0000-0000-000000000001",
                "tenant_id", "acme",
                "license_id", "00000000-0000-0000-0000-0000000000aa",
                "expiry_date", "2027-01-31T00:00:00Z",
                "threshold", "P7D"));
        assertThat(message.toMessage()).isNotNull();
    }

    @Test
    void saysExpiredAtTheZeroThresholdAndNeverCarriesTheLicenseKey() {
        PushMessage message = PushMessages.build(warning(Duration.ZERO));

        assertThat(message.title()).isEqualTo("License expired");
        assertThat(message.body()).isEqualTo("A license has expired (2027-01-31 00:00 UTC).");
        assertThat(message.data()).containsEntry("threshold", "PT0S");
        assertThat(message.toString()).doesNotContain("SECRET-KEY");
    }
}
