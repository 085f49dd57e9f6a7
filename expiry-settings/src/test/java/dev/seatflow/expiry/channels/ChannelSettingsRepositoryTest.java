package dev.seatflow.expiry.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.auditlog.AuditSchema;
import dev.seatflow.expiry.schema.ExpirySchema;
import dev.seatflow.expiry.webhook.HostResolver;
import dev.seatflow.expiry.webhook.WebhookAllowList;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServices
class ChannelSettingsRepositoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static ChannelSettingsRepository repository;

    @BeforeAll
    static void migrateBesideTheAuditLog(TestServices services) {
        PostgresService postgres = services.postgres();
        AuditSchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        var result = ExpirySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        assertThat(result.migrationsExecuted).as("the warner's migrations run in a schema the audit log already uses").isEqualTo(1);
        ConnectionFactory connections = ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, postgres.user()).option(ConnectionFactoryOptions.PASSWORD, postgres.password()).build());
        // The repository validates with the policy it is given; here DNS is the test's and acme's hooks are public.
        HostResolver dns = host -> List.of(InetAddress.getByName(host.equals("hooks.acme.test") ? "93.184.215.14" : "169.254.169.254"));
        repository = new ChannelSettingsRepository(connections, new WebhookTargetPolicy(false, WebhookAllowList.NONE, dns));
    }

    @Test
    void storesReadsReplacesAndDeletesATenantsSettings() {
        ChannelSettings settings = ChannelSettings.of("acme").withWebhook("https://hooks.acme.test/x", "0123456789abcdef")
                .withEmailRecipients(List.of("ops@acme.test", "cfo@acme.test")).withFcmTopic("acme")
                .withThresholds(List.of(Duration.ofDays(14), Duration.ofHours(12)));

        ChannelSettings stored = repository.put(settings).block(TIMEOUT);
        assertThat(stored.updatedAt()).isNotNull();
        assertThat(repository.find("acme").block(TIMEOUT)).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(settings);
        assertThat(stored.redacted().webhookSecret()).isNull();

        repository.put(ChannelSettings.of("acme").withEmailRecipients(List.of("ops@acme.test"))).block(TIMEOUT);
        ChannelSettings replaced = repository.find("acme").block(TIMEOUT);
        assertThat(replaced.hasWebhook()).isFalse();
        assertThat(replaced.thresholds()).as("none: the warner's defaults apply").isEmpty();
        assertThat(replaced.emailRecipients()).containsExactly("ops@acme.test");

        assertThat(repository.delete("acme").block(TIMEOUT)).isTrue();
        assertThat(repository.find("acme").blockOptional(TIMEOUT)).isEmpty();
        assertThat(repository.delete("acme").block(TIMEOUT)).isFalse();
    }

    @Test
    void refusesInvalidSettingsWithEveryProblem() {
        ChannelSettings invalid = ChannelSettings.of("globex").withWebhook("http://hooks.globex.test/", "short").withFcmTopic("no spaces");

        assertThatThrownBy(() -> repository.put(invalid).block(TIMEOUT))
                .isInstanceOfSatisfying(InvalidChannelSettingsException.class, e -> assertThat(e.problems()).hasSize(3));
        assertThat(repository.find("globex").blockOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void refusesToStoreAWebhookPointingInside() {
        ChannelSettings internal = ChannelSettings.of("initech").withWebhook("https://hooks.initech.test/", "0123456789abcdef");

        assertThatThrownBy(() -> repository.put(internal).block(TIMEOUT))
                .isInstanceOfSatisfying(InvalidChannelSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("webhook_url must point to a public host: host hooks.initech.test resolves to 169.254.169.254, "
                                + "link-local (cloud metadata)"));
        assertThat(repository.find("initech").blockOptional(TIMEOUT)).isEmpty();
    }
}
