package dev.seatflow.expiry.warning;

import dev.seatflow.expiry.channels.ChannelSettingsRepository;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code expiry_notifications}: claims, sends in flight, outcomes. Blocking calls, made from the
 * scanner's own thread.
 */
public final class NotificationStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * Claims, per live license, the most imminent threshold that is due and was still ahead when the
     * license got its expiry date, on each channel the tenant configured and this warner can send on.
     * The unique key makes a second claim of the same warning a no-op.
     */
    private static final String CLAIM = """
            INSERT INTO expiry_notifications (id, tenant_id, license_id, expiry_date, threshold, channel, status, attempts,
                                              next_attempt_at, claimed_at)
            SELECT gen_random_uuid(), due.tenant_id, due.license_id, due.expiry_date, due.threshold, ch.channel, 'claimed', 0, $1, $1
            FROM (
                SELECT DISTINCT ON (l.tenant_id, l.license_id) l.tenant_id, l.license_id, l.expiry_date, t.threshold,
                       c.webhook_url, c.email_recipients, c.fcm_topic
                FROM expiry_licenses l
                JOIN expiry_channels c ON c.tenant_id = l.tenant_id
                CROSS JOIN LATERAL unnest(coalesce(c.thresholds, $3::text[])) AS t(threshold)
                CROSS JOIN LATERAL (SELECT extract(epoch FROM t.threshold::interval)::float8 * interval '1 second' AS lead) d
                WHERE l.is_active AND NOT l.deleted
                  AND l.expiry_date > $1 - $2 * interval '1 second'
                  AND l.expiry_date <= $1 + interval '366 days'
                  AND l.expiry_date - d.lead <= $1
                  AND l.expiry_date - d.lead >= l.expiry_set_at
                ORDER BY l.tenant_id, l.license_id, d.lead
            ) due
            CROSS JOIN LATERAL (VALUES ('webhook', due.webhook_url IS NOT NULL),
                                       ('email', jsonb_array_length(due.email_recipients) > 0),
                                       ('push', due.fcm_topic IS NOT NULL)) AS ch(channel, configured)
            WHERE ch.configured AND ch.channel = ANY($4::text[])
            ON CONFLICT ON CONSTRAINT expiry_notifications_once DO NOTHING
            """;

    /**
     * Takes due claims and leases them (pushes their next attempt out) so no other scan sends them
     * meanwhile: at most $4 per tenant, none of the tenants in $5 (those with sends still under way),
     * so one tenant's backlog never fills a pick.
     */
    private static final String PICK = """
            WITH due AS (
                SELECT n.id FROM expiry_notifications n
                WHERE n.id IN (
                    SELECT ranked.id FROM (
                        SELECT id, row_number() OVER (PARTITION BY tenant_id ORDER BY next_attempt_at, id) AS nth
                        FROM expiry_notifications
                        WHERE status = 'claimed' AND next_attempt_at <= $1 AND tenant_id <> ALL($5::text[])
                    ) ranked WHERE ranked.nth <= $4)
                  AND n.status = 'claimed' AND n.next_attempt_at <= $1
                ORDER BY n.next_attempt_at LIMIT $3
                FOR UPDATE OF n SKIP LOCKED
            ), picked AS (
                UPDATE expiry_notifications n SET next_attempt_at = $2 FROM due WHERE n.id = due.id
                RETURNING n.id, n.tenant_id, n.license_id, n.expiry_date, n.threshold, n.channel, n.attempts, n.claimed_at
            )
            SELECT p.*, l.license_key, l.expiry_date AS current_expiry_date, l.is_active, l.deleted,
                   c.tenant_id AS settings_tenant_id, c.thresholds, c.webhook_url, c.webhook_secret,
                   c.email_recipients::text AS email_recipients, c.fcm_topic, c.updated_at
            FROM picked p
            JOIN expiry_licenses l ON l.tenant_id = p.tenant_id AND l.license_id = p.license_id
            LEFT JOIN expiry_channels c ON c.tenant_id = p.tenant_id
            """;

    private final ConnectionFactory connections;

    public NotificationStore(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** @return warnings newly claimed */
    long claimDue(Instant now, Duration grace, Collection<String> thresholds, Collection<String> channels) {
        return update(CLAIM, statement -> statement.bind("$1", now)
                .bind("$2", (double) grace.toSeconds())
                .bind("$3", thresholds.toArray(String[]::new))
                .bind("$4", channels.toArray(String[]::new)));
    }

    List<DueWarning> pickDue(Instant now, Instant leaseUntil, int limit, int perTenant, Collection<String> skipTenants) {
        return query(PICK, statement -> statement.bind("$1", now).bind("$2", leaseUntil).bind("$3", limit).bind("$4", perTenant)
                .bind("$5", skipTenants.toArray(String[]::new)), row -> new DueWarning(
                row.get("id", UUID.class), row.get("tenant_id", String.class), row.get("license_id", UUID.class),
                row.get("expiry_date", Instant.class), row.get("threshold", String.class), row.get("channel", String.class),
                row.get("attempts", Integer.class), row.get("claimed_at", Instant.class), row.get("license_key", String.class),
                row.get("current_expiry_date", Instant.class), row.get("is_active", Boolean.class), row.get("deleted", Boolean.class),
                row.get("settings_tenant_id", String.class) == null ? null : ChannelSettingsRepository.fromRow(row)));
    }

    void markSent(UUID id, Instant at) {
        update("UPDATE expiry_notifications SET status = 'sent', attempts = attempts + 1, sent_at = $2, last_error = NULL "
                + "WHERE id = $1 AND status = 'claimed'", statement -> statement.bind("$1", id).bind("$2", at));
    }

    /** A failed attempt: retried at {@code nextAttempt}, or dead. */
    void markFailed(UUID id, String error, Instant nextAttempt, boolean dead) {
        update("UPDATE expiry_notifications SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, status = $4 "
                + "WHERE id = $1 AND status = 'claimed'", statement -> statement.bind("$1", id).bind("$2", error)
                .bind("$3", nextAttempt).bind("$4", dead ? "dead" : "claimed"));
    }

    void cancel(UUID id, String reason) {
        update("UPDATE expiry_notifications SET status = 'cancelled', last_error = $2 WHERE id = $1 AND status = 'claimed'",
                statement -> statement.bind("$1", id).bind("$2", reason));
    }

    /** Sent warnings whose EXPIRY_WARNING_SENT command is not acknowledged yet. */
    List<SentWarning> unrecorded(int limit) {
        return query("SELECT id, tenant_id, license_id, expiry_date, threshold, channel FROM expiry_notifications "
                        + "WHERE status = 'sent' AND recorded_at IS NULL ORDER BY sent_at LIMIT $1",
                statement -> statement.bind("$1", limit), row -> new SentWarning(row.get("id", UUID.class),
                        row.get("tenant_id", String.class), row.get("license_id", UUID.class), row.get("expiry_date", Instant.class),
                        row.get("threshold", String.class), row.get("channel", String.class)));
    }

    void markRecorded(Collection<UUID> ids, Instant at) {
        update("UPDATE expiry_notifications SET recorded_at = $2 WHERE id = ANY($1)",
                statement -> statement.bind("$1", ids.toArray(UUID[]::new)).bind("$2", at));
    }

    /** Dead warnings, newest first; all tenants when {@code tenantId} is null. */
    public Flux<DeadLetter> deadLetters(String tenantId, int limit) {
        String sql = "SELECT id, tenant_id, license_id, expiry_date, threshold, channel, attempts, claimed_at, next_attempt_at, last_error "
                + "FROM expiry_notifications WHERE status = 'dead' AND ($1::text IS NULL OR tenant_id = $1) ORDER BY claimed_at DESC LIMIT $2";
        return flux(sql, statement -> {
            if (tenantId == null) {
                statement.bindNull("$1", String.class);
            } else {
                statement.bind("$1", tenantId);
            }
            statement.bind("$2", limit);
        }, row -> new DeadLetter(row.get("id", UUID.class), row.get("tenant_id", String.class), row.get("license_id", UUID.class),
                row.get("expiry_date", Instant.class), row.get("threshold", String.class), row.get("channel", String.class),
                row.get("attempts", Integer.class), row.get("claimed_at", Instant.class), row.get("next_attempt_at", Instant.class),
                row.get("last_error", String.class)));
    }

    public Mono<Long> deadLetterCount() {
        return flux("SELECT count(*) AS dead FROM expiry_notifications WHERE status = 'dead'", statement -> { },
                row -> row.get("dead", Long.class)).next();
    }

    private long update(String sql, Consumer<Statement> binder) {
        Long rows = Mono.usingWhen(Mono.from(connections.create()),
                        connection -> {
                            Statement statement = connection.createStatement(sql);
                            binder.accept(statement);
                            return Flux.from(statement.execute()).flatMap(result -> result.getRowsUpdated()).reduce(0L, Long::sum);
                        },
                        Connection::close)
                .block(TIMEOUT);
        return rows == null ? 0 : rows;
    }

    private <T> List<T> query(String sql, Consumer<Statement> binder, Function<Readable, T> mapper) {
        return flux(sql, binder, mapper).collectList().block(TIMEOUT);
    }

    private <T> Flux<T> flux(String sql, Consumer<Statement> binder, Function<Readable, T> mapper) {
        return Flux.usingWhen(Mono.from(connections.create()),
                connection -> {
                    Statement statement = connection.createStatement(sql);
                    binder.accept(statement);
                    return Flux.from(statement.execute()).flatMap(result -> result.map((row, meta) -> mapper.apply(row)));
                },
                Connection::close);
    }
}
