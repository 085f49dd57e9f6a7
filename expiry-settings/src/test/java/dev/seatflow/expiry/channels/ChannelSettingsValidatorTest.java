package dev.seatflow.expiry.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChannelSettingsValidatorTest {

    private static final String SECRET = "0123456789abcdef";

    @Test
    void acceptsCompleteSettings() {
        ChannelSettings settings = ChannelSettings.of("acme").withWebhook("https://hooks.acme.test/seatflow", SECRET)
                .withEmailRecipients(List.of("ops@acme.test")).withFcmTopic("acme-admins_1.~%")
                .withThresholds(List.of(Duration.ofDays(365), Duration.ofHours(12), Duration.ZERO));
        assertThat(ChannelSettingsValidator.problems(settings, false)).isEmpty();
    }

    @Test
    void refusesPlainHttpWebhooksUnlessInsecureIsAllowed() {
        ChannelSettings settings = ChannelSettings.of("acme").withWebhook("http://127.0.0.1:8080/hook", SECRET);
        assertThat(ChannelSettingsValidator.problems(settings, false)).containsExactly("webhook_url must be an absolute https URL without credentials");
        assertThat(ChannelSettingsValidator.problems(settings, true)).isEmpty();
        assertThat(ChannelSettingsValidator.problems(settings.withWebhook("https://user:pw@acme.test/", SECRET), false)).hasSize(1);
        assertThat(ChannelSettingsValidator.problems(settings.withWebhook("hooks.acme.test", SECRET), true)).hasSize(1);
    }

    @Test
    void refusesAShortSecretOrAUrlWithoutSecret() {
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withWebhook("https://acme.test/", "short"), false))
                .containsExactly("webhook_secret must be 16 to 256 characters");
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withWebhook("https://acme.test/", null), false))
                .containsExactly("webhook_url and webhook_secret go together");
    }

    @Test
    void refusesMoreThanTenOrMalformedOrRepeatedRecipients() {
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "user" + i + "@acme.test").toList();
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withEmailRecipients(eleven), false))
                .containsExactly("at most 10 email_recipients");
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withEmailRecipients(List.of("not-an-address", "a b@acme.test")), false))
                .hasSize(2);
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withEmailRecipients(List.of("a@acme.test", "a@acme.test")), false))
                .containsExactly("email_recipients must not repeat");
    }

    @Test
    void refusesTopicsFcmWouldRefuse() {
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withFcmTopic("acme admins"), false)).hasSize(1);
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withFcmTopic("x".repeat(901)), false)).hasSize(1);
    }

    @Test
    void refusesThresholdsOutsideZeroTo365DaysOrRepeated() {
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withThresholds(List.of(Duration.ofDays(366))), false))
                .containsExactly("thresholds must lie between PT0S and P365D");
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withThresholds(List.of(Duration.ofSeconds(-1))), false))
                .containsExactly("thresholds must lie between PT0S and P365D");
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withThresholds(List.of(Duration.ofDays(1), Duration.ofHours(24))), false))
                .containsExactly("thresholds must not repeat");
    }

    @Test
    void neverPrintsTheWebhookSecret() {
        assertThat(ChannelSettings.of("acme").withWebhook("https://acme.test/", SECRET).toString()).doesNotContain(SECRET).contains("***");
    }

    @Test
    void writesThresholdsCanonically() {
        assertThat(Thresholds.format(Duration.ofDays(30))).isEqualTo("P30D");
        assertThat(Thresholds.format(Duration.ZERO)).isEqualTo("PT0S");
        assertThat(Thresholds.format(Duration.ofHours(36))).isEqualTo("PT36H");
        assertThat(Thresholds.parse("P7D")).isEqualTo(Duration.ofDays(7));
    }
}
