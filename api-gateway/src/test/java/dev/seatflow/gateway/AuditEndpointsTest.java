package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class AuditEndpointsTest {

    private GatewayPlatform platform;
    private TenantApi admin;
    private TenantApi member;

    @BeforeEach
    void tenantWithActivity(GatewayPlatform platform) {
        this.platform = platform;
        String tenant = GatewayPlatform.newTenant();
        admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
        member = new TenantApi(platform, tenant, "max", Role.MEMBER);
        String key = (String) admin.createLicense().get("key");
        member.acquire(key, "hw-1").expectStatus().isCreated();
        member.acquire(key, "hw-2").expectStatus().isEqualTo(409);
        Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() ->
                admin.get("/api/v1/audit-logs").expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(3));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheTenantsEntriesNewestFirstWithFilters() {
        Map<String, Object> page = admin.get("/api/v1/audit-logs").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items).extracting(item -> item.get("action"))
                .containsExactly("LICENSE_ACQUISITION_FAILED", "LICENSE_ACQUIRED", "LICENSE_CREATED");
        assertThat(items.get(0)).containsEntry("user_id", "max").containsEntry("sequence", 3);
        assertThat((Map<String, Object>) items.get(0).get("metadata")).containsEntry("reason", "SEATS_EXHAUSTED");

        admin.get("/api/v1/audit-logs?action=license_acquired").expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].resource_type").isEqualTo("SESSION");
        admin.get("/api/v1/audit-logs?limit=1").expectStatus().isOk().expectBody().jsonPath("$.next_before").isEqualTo(3);
        admin.get("/api/v1/audit-logs?from=yesterday").expectStatus().isBadRequest();
        member.get("/api/v1/audit-logs").expectStatus().isForbidden();
        new TenantApi(platform, GatewayPlatform.newTenant(), "ada", Role.OWNER).get("/api/v1/audit-logs").expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void verifiesTheChain() {
        admin.get("/api/v1/audit-logs/verify").expectStatus().isOk().expectBody()
                .jsonPath("$.valid").isEqualTo(true).jsonPath("$.rows").isEqualTo(3).jsonPath("$.last_sequence").isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void exportsJsonLinesWithAManifestSignedByThePublishedKey() throws Exception {
        String from = Instant.now().minusSeconds(3600).toString();
        String to = Instant.now().plusSeconds(60).toString();
        EntityExchangeResult<byte[]> export = admin.get("/api/v1/audit-logs/export?format=jsonl&from=" + from + "&to=" + to)
                .expectStatus().isOk().expectBody().returnResult();

        String body = new String(export.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(body.lines()).hasSize(3);
        byte[] manifest = Base64.getDecoder().decode(export.getResponseHeaders().getFirst("Seatflow-Manifest"));
        dev.seatflow.auditlog.AuditExports.RowsDigest rows = new dev.seatflow.auditlog.AuditExports.RowsDigest();
        body.lines().forEach(line -> rows.add(java.util.HexFormat.of().parseHex(line.substring(9, 9 + 64))));   // {"hash":"<64 hex>",...
        assertThat(new String(manifest, StandardCharsets.UTF_8)).contains("\"row_count\":3", "\"contiguous\":true",
                "\"rows_sha256\":\"" + rows.hex() + "\"");
        String keyId = export.getResponseHeaders().getFirst("Seatflow-Manifest-Key-Id");
        Map<String, Object> keys = platform.client().get().uri("/api/v1/licenses/public-key").exchange().expectBody(Map.class).returnResult().getResponseBody();
        String pem = ((List<Map<String, String>>) keys.get("keys")).stream().filter(k -> k.get("key_id").equals(keyId)).findFirst().orElseThrow().get("pem");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")))));
        verifier.update(manifest);
        assertThat(verifier.verify(Base64.getDecoder().decode(export.getResponseHeaders().getFirst("Seatflow-Manifest-Signature")))).isTrue();

        admin.get("/api/v1/audit-logs/export?format=csv&from=" + from + "&to=" + to).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv");
        admin.get("/api/v1/audit-logs/export?format=xml&from=" + from + "&to=" + to).expectStatus().isBadRequest();
        admin.get("/api/v1/audit-logs/export?from=" + to + "&to=" + from).expectStatus().isBadRequest();
    }
}
