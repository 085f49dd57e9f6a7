package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class LicenseEndpointsTest {

    private GatewayPlatform platform;
    private TenantApi admin;
    private TenantApi member;

    @BeforeEach
    void tenant(GatewayPlatform platform) {
        this.platform = platform;
        String tenant = GatewayPlatform.newTenant();
        admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
        member = new TenantApi(platform, tenant, "max", Role.MEMBER);
    }

    @Test
    void adminsCreateLicensesWithGeneratedKeysThatMembersCanRead() {
        Map<String, Object> created = admin.createLicense();
        assertThat((String) created.get("key")).matches("SF(-[0-9A-HJKMNP-TV-Z]{4}){4}");
        assertThat(created).containsEntry("tier", "PRO").containsEntry("is_active", true).containsEntry("features", List.of("analytics"));

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            member.get("/api/v1/licenses/" + created.get("id")).expectStatus().isOk().expectBody().jsonPath("$.key").isEqualTo(created.get("key"));
            member.get("/api/v1/licenses").expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(created.get("id"));
        });
    }

    @Test
    void membersCannotAdministerLicenses() {
        member.post("/api/v1/licenses", Map.of("tier", "PRO", "expiry_date", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("forbidden");
        String id = (String) admin.createLicense().get("id");
        member.post("/api/v1/licenses/" + id + "/deactivate").expectStatus().isForbidden();
        member.delete("/api/v1/licenses/" + id).expectStatus().isForbidden();
        member.post("/api/v1/licenses/" + id + "/sign").expectStatus().isForbidden();
    }

    @Test
    void updatesDeactivatesActivatesAndRevokes() {
        String id = (String) admin.createLicense().get("id");

        admin.patch("/api/v1/licenses/" + id, Map.of("tier", "ENTERPRISE", "features", List.of("sso", "audit")))
                .expectStatus().isOk().expectBody().jsonPath("$.tier").isEqualTo("ENTERPRISE").jsonPath("$.features[1]").isEqualTo("audit");
        admin.patch("/api/v1/licenses/" + id, Map.of()).expectStatus().isBadRequest();
        admin.patch("/api/v1/licenses/" + id, Map.of("expiry_date", "2001-01-01T00:00:00Z")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("expiry_date must be in the future");
        admin.patch("/api/v1/licenses/" + id, Map.of("tier", "GOLD")).expectStatus().isBadRequest();
        admin.post("/api/v1/licenses/" + id + "/deactivate").expectStatus().isOk().expectBody().jsonPath("$.is_active").isEqualTo(false);
        admin.post("/api/v1/licenses/" + id + "/activate").expectStatus().isOk().expectBody().jsonPath("$.is_active").isEqualTo(true);
        admin.delete("/api/v1/licenses/" + id).expectStatus().isOk();
        admin.delete("/api/v1/licenses/" + id).expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("license_not_found");
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                admin.get("/api/v1/licenses/" + id).expectStatus().isNotFound());
    }

    @Test
    void anotherTenantsLicenseIsNotFound() {
        String id = (String) admin.createLicense().get("id");
        TenantApi stranger = new TenantApi(platform, GatewayPlatform.newTenant(), "ada", Role.OWNER);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> admin.get("/api/v1/licenses/" + id).expectStatus().isOk());

        stranger.get("/api/v1/licenses/" + id).expectStatus().isNotFound();
        stranger.patch("/api/v1/licenses/" + id, Map.of("tier", "BASIC")).expectStatus().isNotFound();
        stranger.post("/api/v1/licenses/" + id + "/deactivate").expectStatus().isNotFound();
        stranger.delete("/api/v1/licenses/" + id).expectStatus().isNotFound();
        stranger.post("/api/v1/licenses/" + id + "/sign").expectStatus().isNotFound();
        stranger.get("/api/v1/licenses/" + UUID.randomUUID()).expectStatus().isNotFound();
    }

    @Test
    void rejectsInvalidLicenseBodies() {
        admin.post("/api/v1/licenses", Map.of("tier", "PRO")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("expiry_date");
        admin.post("/api/v1/licenses", Map.of("tier", "PRO", "expiry_date", "yesterday")).expectStatus().isBadRequest();
        admin.post("/api/v1/licenses", Map.of("tier", "PRO", "expiry_date", "2001-01-01T00:00:00Z")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request");
        admin.post("/api/v1/licenses", Map.of("tier", "PRO", "expiry_date", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                "key", "MY-OWN-KEY")).expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isEqualTo("unknown field 'key'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void signsAnOfflineLicenseDocument() {
        Map<String, Object> license = admin.createLicense();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                admin.get("/api/v1/licenses/" + license.get("id")).expectStatus().isOk());

        Map<String, Object> document = admin.post("/api/v1/licenses/" + license.get("id") + "/sign").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat((Map<String, Object>) document.get("payload")).containsEntry("type", "offline")
                .containsEntry("license_key", license.get("key")).containsEntry("tenant_id", admin.tenant);
        assertThat(document).containsEntry("algorithm", "RS256").containsKeys("signature", "key_id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishesThePublicKeysAsPemAndJwksWithoutAToken() {
        Map<String, Object> keys = platform.client().get().uri("/api/v1/licenses/public-key").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        List<Map<String, Object>> pems = (List<Map<String, Object>>) keys.get("keys");
        List<Map<String, Object>> jwks = (List<Map<String, Object>>) ((Map<String, Object>) keys.get("jwks")).get("keys");
        assertThat(pems).isNotEmpty().allSatisfy(key -> assertThat((String) key.get("pem")).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertThat(jwks).extracting(jwk -> jwk.get("kid")).containsExactlyElementsOf(pems.stream().map(k -> k.get("key_id")).toList());
        assertThat(jwks.get(0)).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsKeys("n", "e");
        assertThat(keys.get("active_key_id")).isEqualTo(pems.get(0).get("key_id"));
    }
}
