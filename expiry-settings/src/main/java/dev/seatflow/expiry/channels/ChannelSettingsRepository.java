package dev.seatflow.expiry.channels;

import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes tenants' expiry warning settings ({@code expiry_channels}). Plain R2DBC and no
 * Spring wiring, so that other services (the gateway's tenant endpoint) can use it on the same
 * database: {@code new ChannelSettingsRepository(connectionFactory, webhookTargetPolicy)}.
 */
public final class ChannelSettingsRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String COLUMNS = "tenant_id, thresholds, webhook_url, webhook_secret, email_recipients::text AS email_recipients, fcm_topic, updated_at";

    private final ConnectionFactory connections;
    private final WebhookTargetPolicy webhooks;
    private final Clock clock;

    public ChannelSettingsRepository(ConnectionFactory connections, WebhookTargetPolicy webhooks) {
        this(connections, webhooks, Clock.systemUTC());
    }

    public ChannelSettingsRepository(ConnectionFactory connections, WebhookTargetPolicy webhooks, Clock clock) {
        this.connections = connections;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** The tenant's settings; empty when it has none (it then gets no warnings). */
    public Mono<ChannelSettings> find(String tenantId) {
        return query(connection -> connection.createStatement("SELECT " + COLUMNS + " FROM expiry_channels WHERE tenant_id = $1")
                .bind("$1", tenantId)).next();
    }

    /**
     * Validates and stores the settings, replacing the tenant's previous ones as a whole.
     *
     * @return the stored settings; {@link InvalidChannelSettingsException} when they break a rule
     */
    public Mono<ChannelSettings> put(ChannelSettings settings) {
        // Validation resolves the webhook host (blocking DNS): off the caller's event loop.
        return Mono.fromRunnable(() -> ChannelSettingsValidator.validate(settings, webhooks))
                .subscribeOn(Schedulers.boundedElastic())
                .then(query(connection -> {
                    Statement statement = connection.createStatement("""
                            INSERT INTO expiry_channels (tenant_id, thresholds, webhook_url, webhook_secret, email_recipients, fcm_topic, updated_at)
                            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
                            ON CONFLICT (tenant_id) DO UPDATE SET thresholds = EXCLUDED.thresholds, webhook_url = EXCLUDED.webhook_url,
                                webhook_secret = EXCLUDED.webhook_secret, email_recipients = EXCLUDED.email_recipients,
                                fcm_topic = EXCLUDED.fcm_topic, updated_at = EXCLUDED.updated_at
                            RETURNING""" + " " + COLUMNS);
                    statement.bind("$1", settings.tenantId());
                    bindOrNull(statement, "$2", settings.thresholds().isEmpty() ? null
                            : settings.thresholds().stream().map(Thresholds::format).toArray(String[]::new), String[].class);
                    bindOrNull(statement, "$3", settings.webhookUrl(), String.class);
                    bindOrNull(statement, "$4", settings.webhookSecret(), String.class);
                    statement.bind("$5", JSON.writeValueAsString(settings.emailRecipients()));
                    bindOrNull(statement, "$6", settings.fcmTopic(), String.class);
                    statement.bind("$7", clock.instant());
                    return statement;
                }).next());
    }

    /** @return whether the tenant had settings */
    public Mono<Boolean> delete(String tenantId) {
        return Mono.usingWhen(Mono.from(connections.create()),
                connection -> Flux.from(connection.createStatement("DELETE FROM expiry_channels WHERE tenant_id = $1")
                        .bind("$1", tenantId).execute()).flatMap(result -> result.getRowsUpdated()).reduce(0L, Long::sum).map(rows -> rows > 0),
                Connection::close);
    }

    /** Maps a row holding the columns of {@code expiry_channels} (the warner reads them in its own joins). */
    public static ChannelSettings fromRow(Readable row) {
        String[] thresholds = row.get("thresholds", String[].class);
        String recipients = row.get("email_recipients", String.class);
        return new ChannelSettings(row.get("tenant_id", String.class),
                thresholds == null ? List.of() : Arrays.stream(thresholds).map(Thresholds::parse).toList(),
                row.get("webhook_url", String.class), row.get("webhook_secret", String.class),
                recipients == null ? List.of() : JSON.readValue(recipients, STRINGS),
                row.get("fcm_topic", String.class), row.get("updated_at", Instant.class));
    }

    private Flux<ChannelSettings> query(Function<Connection, Statement> statement) {
        return Flux.usingWhen(Mono.from(connections.create()),
                connection -> Flux.from(statement.apply(connection).execute()).flatMap(result -> result.map((row, meta) -> fromRow(row))),
                Connection::close);
    }

    private static void bindOrNull(Statement statement, String name, Object value, Class<?> type) {
        if (value == null) {
            statement.bindNull(name, type);
        } else {
            statement.bind(name, value);
        }
    }
}
