package dev.seatflow.expiry.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.expiry.webhook.HostResolver;
import dev.seatflow.expiry.webhook.WebhookAllowList;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChannelSettingsValidatorTest {

    private static final String SECRET = "0123456789abcdef";
    /** DNS as this test says it is: acme's hooks are public, the others point inside. */
    private static final Map<String, String> DNS = Map.of("hooks.acme.test", "93.184.215.14", "acme.test", "93.184.215.15",
            "evil.example.com", "169.254.169.254", "office.acme.test", "192.168.1.20");
    private static final HostResolver RESOLVER = host -> {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    };
    private static final WebhookTargetPolicy STRICT = new WebhookTargetPolicy(false, WebhookAllowList.NONE, RESOLVER);
    /** What local runs and tests use: http, and receivers on this machine. */
    private static final WebhookTargetPolicy LOCAL = new WebhookTargetPolicy(true, WebhookAllowList.parse(List.of("127.0.0.0/8")), RESOLVER);

    @Test
    void acceptsCompleteSettings() {
        ChannelSettings settings = ChannelSettings.of("acme").withWebhook("https://hooks.acme.test/seatflow", SECRET)
                .withEmailRecipients(List.of("ops@acme.test")).withFcmTopic("acme-admins_1.~%")
                .withThresholds(List.of(Duration.ofDays(365), Duration.ofHours(12), Duration.ZERO));
        assertThat(ChannelSettingsValidator.problems(settings, STRICT)).isEmpty();
    }

    @Test
    void refusesPlainHttpWebhooksUnlessInsecureIsAllowed() {
        ChannelSettings settings = ChannelSettings.of("acme").withWebhook("http://127.0.0.1:8080/hook", SECRET);
        assertThat(ChannelSettingsValidator.problems(settings, STRICT)).containsExactly("webhook_url must be an absolute https URL without credentials");
        assertThat(ChannelSettingsValidator.problems(settings, LOCAL)).isEmpty();
        assertThat(ChannelSettingsValidator.problems(settings.withWebhook("https://user:pw@acme.test/", SECRET), STRICT)).hasSize(1);
        assertThat(ChannelSettingsValidator.problems(settings.withWebhook("hooks.acme.test", SECRET), LOCAL)).hasSize(1);
    }

    @Test
    void refusesAShortSecretOrAUrlWithoutSecret() {
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withWebhook("https://acme.test/", "short"), STRICT))
                .containsExactly("webhook_secret must be 16 to 256 characters");
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withWebhook("https://acme.test/", null), STRICT))
                .containsExactly("webhook_url and webhook_secret go together");
    }

    @Test
    void refusesMoreThanTenOrMalformedOrRepeatedRecipients() {
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "user" + i + "@acme.test").toList();
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withEmailRecipients(eleven), STRICT))
                .containsExactly("at most 10 email_recipients");
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withEmailRecipients(List.of("not-an-address", "a b@acme.test")), STRICT))
                .hasSize(2);
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withEmailRecipients(List.of("a@acme.test", "a@acme.test")), STRICT))
                .containsExactly("email_recipients must not repeat");
    }

    @Test
    void refusesTopicsFcmWouldRefuse() {
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withFcmTopic("acme admins"), STRICT)).hasSize(1);
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withFcmTopic("x".repeat(901)), STRICT)).hasSize(1);
        // FCM's 900 characters hold the whole namespaced name, t.acme.<topic>.
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withFcmTopic("x".repeat(893)), STRICT)).isEmpty();
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withFcmTopic("x".repeat(894)), STRICT)).singleElement()
                .asString().contains("1 to 893", "t.acme.<fcm_topic>");
    }

    @Test
    void refusesThresholdsOutsideZeroTo365DaysOrRepeated() {
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withThresholds(List.of(Duration.ofDays(366))), STRICT))
                .containsExactly("thresholds must lie between PT0S and P365D");
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withThresholds(List.of(Duration.ofSeconds(-1))), STRICT))
                .containsExactly("thresholds must lie between PT0S and P365D");
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withThresholds(List.of(Duration.ofDays(1), Duration.ofHours(24))), STRICT))
                .containsExactly("thresholds must not repeat");
    }

    @Test
    void refusesWebhookResolvingToMetadataAddress() {
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withWebhook("https://evil.example.com/hook", SECRET), STRICT))
                .containsExactly("webhook_url must point to a public host: host evil.example.com resolves to 169.254.169.254, "
                        + "link-local (cloud metadata)");
    }

    @Test
    void refusesWebhooksToInternalNamesAndAddresses() {
        for (String url : List.of("https://metadata.google.internal/computeMetadata/v1/", "https://payments.prod.svc.cluster.local/hook",
                "https://localhost/hook", "https://127.0.0.1/hook", "https://[::1]/hook", "https://[::ffff:10.0.0.1]/hook",
                "https://[64:ff9b::a9fe:a9fe]/hook", "https://[2002:c0a8:101::1]/hook", "https://office.acme.test/hook",
                "https://0.0.0.0/hook", "https://100.64.1.1/hook")) {
            assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withWebhook(url, SECRET), STRICT)).as(url)
                    .singleElement().asString().startsWith("webhook_url must point to a public host: ");
        }
    }

    @Test
    void acceptsLoopbackReceiversOnlyWhenAllowListed() {
        ChannelSettings local = ChannelSettings.of("acme").withWebhook("http://127.0.0.1:8099/webhooks", SECRET);
        assertThat(ChannelSettingsValidator.problems(local, LOCAL)).isEmpty();
        assertThat(ChannelSettingsValidator.problems(local, new WebhookTargetPolicy(true, WebhookAllowList.NONE, RESOLVER)))
                .containsExactly("webhook_url must point to a public host: host 127.0.0.1 resolves to 127.0.0.1, loopback");
    }

    @Test
    void acceptsAPublicNameThatDoesNotResolveYet() {
        assertThat(ChannelSettingsValidator.problems(ChannelSettings.of("acme").withWebhook("https://hooks.newco.test/", SECRET), STRICT))
                .as("DNS may come after the settings; every send checks again").isEmpty();
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
