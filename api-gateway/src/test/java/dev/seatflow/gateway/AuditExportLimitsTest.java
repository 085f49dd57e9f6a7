package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.gateway.audit.ExportPool;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.RealServices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Exports and chain verifications run on a pool of their own, one per tenant at a time: clients
 * that stop reading neither make the gateway unready nor starve queries, and are cut off.
 */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class AuditExportLimitsTest {

    /** ~2.5 kB a JSON line: 8000 rows are far more than the socket buffers hold. */
    private static final int BULK_ROWS = 8000;
    private static final String PAST = Instant.now().minusSeconds(86_400).toString();
    private static final String FUTURE = Instant.now().plusSeconds(86_400).toString();
    private static final String ALL = "/api/v1/audit-logs/export?format=jsonl&from=" + PAST + "&to=" + FUTURE;
    /** A range none of the bulk rows is in: a complete, small answer. */
    private static final String NONE = "/api/v1/audit-logs/export?format=jsonl&from=" + PAST + "&to=" + Instant.now().minusSeconds(7200);

    /** A gateway with one shared connection (readiness and queries) and two for exports. */
    private static final String[] ONE_CONNECTION = {"--seatflow.gateway.reply-partitions=1", "--seatflow.postgres.pool-size=1",
            "--seatflow.gateway.exports.pool-size=2", "--seatflow.gateway.exports.write-timeout=10m"};

    @Test
    void aSecondExportOfATenantIsRefusedWhileAnotherTenantsProceeds(GatewayPlatform platform) throws Exception {
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(), ONE_CONNECTION)) {
            String busy = bulkTenant(platform, BULK_ROWS);
            String other = bulkTenant(platform, 3);
            TenantApi busyAdmin = admin(platform, gateway, busy);
            try (StalledDownload stalled = StalledDownload.start(GatewayPlatform.baseUrl(gateway), token(platform, busy), ALL)) {
                assertThat(stalled.statusLine()).contains("200");

                busyAdmin.get(ALL).expectStatus().isEqualTo(429).expectHeader().contentType("application/problem+json")
                        .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                        .expectBody().jsonPath("$.code").isEqualTo("export_in_progress");
                busyAdmin.get("/api/v1/audit-logs/verify").expectStatus().isEqualTo(429)
                        .expectBody().jsonPath("$.code").isEqualTo("export_in_progress");

                byte[] otherExport = admin(platform, gateway, other).get(ALL).expectStatus().isOk().expectBody().returnResult().getResponseBody();
                assertThat(new String(otherExport, StandardCharsets.UTF_8).lines()).hasSize(3);
            }
            // The client went away: its slot is free again.
            Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> busyAdmin.get(NONE).expectStatus().isOk());
        }
    }

    @Test
    void stalledExportsNeitherMakeTheGatewayUnreadyNorStarveQueries(GatewayPlatform platform) throws Exception {
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(), ONE_CONNECTION)) {
            String first = bulkTenant(platform, BULK_ROWS);
            String second = bulkTenant(platform, BULK_ROWS);
            String third = bulkTenant(platform, 3);
            TenantApi thirdAdmin = admin(platform, gateway, third);
            try (StalledDownload a = StalledDownload.start(GatewayPlatform.baseUrl(gateway), token(platform, first), ALL);
                 StalledDownload b = StalledDownload.start(GatewayPlatform.baseUrl(gateway), token(platform, second), ALL)) {
                assertThat(a.statusLine()).contains("200");
                assertThat(b.statusLine()).contains("200");
                Instant stalled = Instant.now();
                // Both exports are held mid-query by their clients, on connections of the export pool.
                Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(busyExportConnections(platform)).isEqualTo(2));

                // Two Postgres checks completed while both exports hold their connections: both UP.
                String firstCheck = freshPostgresCheck(gateway, stalled.toString());
                freshPostgresCheck(gateway, firstCheck);
                thirdAdmin.get("/api/v1/audit-logs").expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(3);
                // Every export connection is taken: a third tenant is told so at once.
                thirdAdmin.get(ALL).expectStatus().isEqualTo(503).expectBody().jsonPath("$.code").isEqualTo("exports_busy");
            }
            Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> thirdAdmin.get(ALL).expectStatus().isOk());
        }
    }

    @Test
    void anExportWhoseClientStopsReadingIsCutOffAndItsSlotFreed(GatewayPlatform platform) throws Exception {
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.reply-partitions=1", "--seatflow.gateway.exports.write-timeout=1s")) {
            String tenant = bulkTenant(platform, BULK_ROWS);
            TenantApi admin = admin(platform, gateway, tenant);
            try (StalledDownload stalled = StalledDownload.start(GatewayPlatform.baseUrl(gateway), token(platform, tenant), ALL)) {
                assertThat(stalled.statusLine()).contains("200");
                // Still connected, still not reading: the write timeout ends the export, not the client.
                Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> admin.get(NONE).expectStatus().isOk());
                String rest = new String(stalled.rest(), StandardCharsets.ISO_8859_1);
                // Chunked, and without the last chunk: the client can tell the download was cut off.
                assertThat(rest).doesNotEndWith("\r\n0\r\n\r\n");
            }
        }
    }

    @Test
    void anExportOverTheLongestRangeIsRefused(GatewayPlatform platform) {
        TenantApi admin = new TenantApi(platform, GatewayPlatform.newTenant(), "ada", Role.ADMIN);
        admin.get("/api/v1/audit-logs/export?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z").expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request")
                .jsonPath("$.errors[0].field").isEqualTo("to")
                .jsonPath("$.errors[0].message").isEqualTo("from and to may be at most 366 days apart");
        admin.get("/api/v1/audit-logs/export?from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z").expectStatus().isOk();
    }

    /** Waits for a Postgres check that completed after {@code after} and asserts it and readiness are UP; returns its time. */
    private static String freshPostgresCheck(ConfigurableApplicationContext gateway, String after) {
        WebTestClient probe = GatewayPlatform.client(gateway);
        WebTestClient management = GatewayPlatform.managementClient(gateway);
        AtomicReference<String> checkedAt = new AtomicReference<>();
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            probe.get().uri("/readyz").exchange().expectStatus().isOk();
            Map<?, ?> health = management.get().uri("/health").exchange().expectBody(Map.class).returnResult().getResponseBody();
            Map<?, ?> postgres = (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("postgres");
            String at = (String) ((Map<?, ?>) postgres.get("details")).get("checkedAt");
            assertThat(at).isNotNull();
            assertThat(Instant.parse(at)).isAfter(Instant.parse(after));
            assertThat(postgres.get("status")).isEqualTo("UP");
            checkedAt.set(at);
        });
        return checkedAt.get();
    }

    private static int busyExportConnections(GatewayPlatform platform) throws Exception {
        PostgresService postgres = platform.services().postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             PreparedStatement busy = connection.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND state <> 'idle' AND query LIKE '%audit_logs%'")) {
            busy.setString(1, ExportPool.APPLICATION_NAME);
            try (var result = busy.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static TenantApi admin(GatewayPlatform platform, ConfigurableApplicationContext gateway, String tenant) {
        return new TenantApi(GatewayPlatform.client(gateway), token(platform, tenant), tenant, "ada");
    }

    private static String token(GatewayPlatform platform, String tenant) {
        return platform.token(tenant, "ada", Role.ADMIN);
    }

    /** A tenant with {@code rows} audit rows an hour old, written straight into the log (the sink would take minutes). */
    private static String bulkTenant(GatewayPlatform platform, int rows) throws Exception {
        String tenant = GatewayPlatform.newTenant();
        PostgresService postgres = platform.services().postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_logs (event_id, tenant_id, sequence, user_id, "
                     + "actor_role, action, resource_type, resource_id, metadata, created_at, prev_hash, hash) "
                     + "SELECT gen_random_uuid(), ?, s, 'ada', 'ADMIN', 'LICENSE_CREATED', 'LICENSE', 'license-' || s, "
                     + "jsonb_build_object('note', repeat('x', 2000)), now() - interval '1 hour', "
                     + "decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex') FROM generate_series(1, ?) AS s")) {
            insert.setString(1, tenant);
            insert.setInt(2, rows);
            insert.executeUpdate();
        }
        return tenant;
    }
}
