package dev.seatflow.expiry.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.expiry.ExpiryWarnerApplication;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ExpirySettingsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static ExpirySettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("seatflow.expiry", ExpirySettings.class);
    }

    @Test
    void defaultsToTheIssuesThresholdsAndSafeChannels() {
        ExpirySettings settings = bind(Map.of());

        assertThat(settings.defaultThresholds()).containsExactly(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1), Duration.ZERO);
        assertThat(settings.checkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff().base()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff().cap()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.webhook().allowInsecure()).isFalse();
        assertThat(settings.webhook().policy().allowList().isEmpty()).as("no internal receiver allowed").isTrue();
        assertThat(settings.delivery().concurrency()).isEqualTo(16);
        assertThat(settings.delivery().perTenant()).isEqualTo(2);
        assertThat(settings.fcm().enabled()).isFalse();
        assertThat(VALIDATOR.validate(settings)).isEmpty();
        assertThat(ExpiryWarnerApplication.NAME).isEqualTo("expiry-warner");
    }

    @Test
    void readsTheWebhookAllowListAndRefusesEntriesItCannotRead() {
        ExpirySettings settings = bind(Map.of("seatflow.expiry.webhook.allowed-hosts", "127.0.0.0/8,::1/128,localhost"));
        assertThat(settings.webhook().policy().allowList().blocks()).hasSize(2);
        assertThat(settings.webhook().policy().allowList().names()).containsExactly("localhost");
        assertThat(VALIDATOR.validate(settings)).isEmpty();

        ExpirySettings invalid = bind(Map.of("seatflow.expiry.webhook.allowed-hosts", "10.0.0.0/40"));
        assertThat(VALIDATOR.validate(invalid)).extracting(ConstraintViolation::getMessage).containsExactly(
                "seatflow.expiry.webhook.allowed-hosts entries must be address blocks (10.1.2.0/24), addresses or host names");
    }

    @Test
    void refusesThresholdsBeyondAYearAndPushWithoutAProject() {
        ExpirySettings settings = bind(Map.of("seatflow.expiry.default-thresholds", "P400D,P1D", "seatflow.expiry.fcm.enabled", "true"));

        List<String> messages = VALIDATOR.validate(settings).stream().map(ConstraintViolation::getMessage).sorted().toList();
        assertThat(messages).containsExactly("seatflow.expiry.default-thresholds must lie between PT0S and P365D",
                "seatflow.expiry.fcm.project-id must be set when seatflow.expiry.fcm.enabled=true");
    }
}
