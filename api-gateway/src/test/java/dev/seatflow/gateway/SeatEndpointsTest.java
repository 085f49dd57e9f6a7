package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.IndependentLicenseCheck;
import dev.seatflow.testkit.RealServices;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
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
class SeatEndpointsTest {

    private TenantApi owner;
    private TenantApi admin;
    private TenantApi alice;
    private TenantApi bob;
    private String key;
    private GatewayPlatform platform;

    @BeforeEach
    void tenant(GatewayPlatform platform) {
        this.platform = platform;
        String tenant = GatewayPlatform.newTenant();
        owner = new TenantApi(platform, tenant, "olga", Role.OWNER);
        admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
        alice = new TenantApi(platform, tenant, "alice", Role.MEMBER);
        bob = new TenantApi(platform, tenant, "bob", Role.MEMBER);
        owner.configure(Map.of("plan", "PRO"));
        key = (String) admin.createLicense().get("key");
    }

    @Test
    @SuppressWarnings("unchecked")
    void acquireHeartbeatReleaseWithAVerifiableSignedLicense() throws Exception {
        Map<String, Object> session = alice.acquire(key, "hw-1").expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(session).containsEntry("user", "alice").containsEntry("hardware_id", "hw-1").containsEntry("is_active", true);
        String sessionId = (String) session.get("id");
        Map<String, Object> signed = (Map<String, Object>) session.get("signed_license");
        assertThat(signed).containsEntry("algorithm", "RS256").containsEntry("version", 2);
        Map<String, Object> payload = (Map<String, Object>) signed.get("payload");
        assertThat(payload).containsEntry("type", "lease").containsEntry("session_id", sessionId).containsEntry("license_key", key)
                .containsEntry("tier", "PRO").containsEntry("not_after", session.get("expires_at"));
        assertLicenseVerifiesOnlyAsSigned(signed);

        Map<String, Object> heartbeat = alice.patch("/api/v1/licenses/sessions/" + sessionId + "/heartbeat").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(heartbeat).containsEntry("id", sessionId).containsEntry("is_active", true).containsKey("expires_at")
                .doesNotContainKey("signed_license");

        Map<String, Object> renewed = alice.patch("/api/v1/licenses/sessions/" + sessionId + "/heartbeat?lease=true").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> lease = (Map<String, Object>) renewed.get("signed_license");
        assertThat((Map<String, Object>) lease.get("payload")).containsEntry("type", "lease").containsEntry("session_id", sessionId)
                .containsEntry("hardware_id", "hw-1").containsEntry("not_after", renewed.get("expires_at"))
                .containsEntry("not_before", renewed.get("last_heartbeat_at"));
        assertLicenseVerifiesOnlyAsSigned(lease);

        alice.delete("/api/v1/licenses/sessions/" + sessionId).expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("License released successfully").jsonPath("$.session_id").isEqualTo(sessionId);
        alice.delete("/api/v1/licenses/sessions/" + sessionId).expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("Session already ended");
        alice.patch("/api/v1/licenses/sessions/" + sessionId + "/heartbeat").expectStatus().isEqualTo(410)
                .expectHeader().contentType("application/problem+json").expectBody().jsonPath("$.code").isEqualTo("session_gone");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLeaseOutlivesItsSessionByTheTenantsOfflineGraceAndNoLongerThanTheLicense() throws Exception {
        owner.configure(Map.of("offline_grace_seconds", 3_600));
        Map<String, Object> session = alice.acquire(key, "hw-1").expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> lease = (Map<String, Object>) ((Map<String, Object>) session.get("signed_license")).get("payload");
        assertThat(Instant.parse((String) lease.get("not_after")))
                .isEqualTo(Instant.parse((String) session.get("expires_at")).plusSeconds(3_600));

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            Map<String, Object> renewed = alice.patch("/api/v1/licenses/sessions/" + session.get("id") + "/heartbeat?lease=true")
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            Map<String, Object> renewedLease = (Map<String, Object>) ((Map<String, Object>) renewed.get("signed_license")).get("payload");
            assertThat(Instant.parse((String) renewedLease.get("not_after")))
                    .as("the heartbeat's lease takes the grace from the mirror")
                    .isEqualTo(Instant.parse((String) renewed.get("expires_at")).plusSeconds(3_600));
            assertLicenseVerifiesOnlyAsSigned((Map<String, Object>) renewed.get("signed_license"));
        });

        Instant licenseExpiry = Instant.now().plusSeconds(1_800);
        Map<String, Object> shortLicense = admin.createLicense(licenseExpiry);
        Map<String, Object> capped = (Map<String, Object>) ((Map<String, Object>) bob.acquire((String) shortLicense.get("key"), "hw-2")
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("signed_license")).get("payload");
        assertThat(capped.get("not_after")).as("never past the license's expiry").isEqualTo(capped.get("expiry_date"));
    }

    @Test
    void reacquiringOnTheSameMachineReturnsTheSameSession() {
        String first = (String) alice.acquire(key, "hw-1").expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");

        alice.acquire(key, "hw-1").expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(first);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndNoSecondSeat() {
        Map<String, String> body = Map.of("license_key", key, "hardware_id", "hw-9");
        String first = (String) alice.post("/api/v1/licenses/acquire", body, "retry-1").expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        alice.post("/api/v1/licenses/acquire", body, "retry-1").expectStatus().isCreated().expectBody().jsonPath("$.id").isEqualTo(first);

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                alice.get("/api/v1/seats").expectStatus().isOk().expectBody().jsonPath("$.in_use").isEqualTo(1));
    }

    @Test
    void refusesWhenEverySeatIsTaken() {
        for (int i = 0; i < 5; i++) {
            alice.acquire(key, "hw-" + i).expectStatus().isCreated();
        }

        bob.acquire(key, "hw-bob").expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("seats_exhausted").jsonPath("$.status").isEqualTo(409);
    }

    @Test
    void refusesAnInactiveLicenseAndAnUnknownKey() {
        Map<String, Object> license = admin.createLicense();
        admin.post("/api/v1/licenses/" + license.get("id") + "/deactivate").expectStatus().isOk();

        alice.acquire((String) license.get("key"), "hw-1").expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("license_inactive");
        alice.acquire("SF-NOPE-NOPE-NOPE-NOPE", "hw-1").expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("license_not_found");
    }

    @Test
    void refusesALicenseOnceItHasExpired() {
        Map<String, Object> license = admin.createLicense(Instant.now().plusSeconds(2));

        Awaitility.await().atMost(15, TimeUnit.SECONDS).untilAsserted(() ->
                alice.acquire((String) license.get("key"), "hw-1").expectStatus().isForbidden()
                        .expectBody().jsonPath("$.code").isEqualTo("license_expired"));
    }

    @Test
    void guestsCannotAcquire() {
        new TenantApi(platform, alice.tenant, "gus", Role.GUEST).acquire(key, "hw-1").expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void anotherTenantsSessionIsNotFound() {
        String sessionId = (String) alice.acquire(key, "hw-1").expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        TenantApi stranger = new TenantApi(platform, GatewayPlatform.newTenant(), "alice", Role.ADMIN);

        stranger.patch("/api/v1/licenses/sessions/" + sessionId + "/heartbeat").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("session_not_found");
        stranger.delete("/api/v1/licenses/sessions/" + sessionId).expectStatus().isNotFound();
        bob.patch("/api/v1/licenses/sessions/" + sessionId + "/heartbeat").expectStatus().isNotFound();
        alice.patch("/api/v1/licenses/sessions/" + UUID.randomUUID() + "/heartbeat").expectStatus().isNotFound();
        alice.patch("/api/v1/licenses/sessions/not-a-uuid/heartbeat").expectStatus().isNotFound();
        admin.delete("/api/v1/licenses/sessions/" + sessionId).expectStatus().isOk();
    }

    @Test
    void rejectsMalformedBodiesWithAClearCode() {
        alice.post("/api/v1/licenses/acquire", Map.of("license_key", key)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request").jsonPath("$.errors[0].field").isEqualTo("hardware_id");
        alice.post("/api/v1/licenses/acquire", Map.of("license_key", key, "hardware_id", "hw", "tenant_id", "other"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isEqualTo("unknown field 'tenant_id'");
        alice.post("/api/v1/licenses/acquire", Map.of("license_key", List.of(1), "hardware_id", "hw"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_request");
        alice.post("/api/v1/licenses/acquire", "{not json").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request");
        alice.post("/api/v1/licenses/acquire", Map.of("license_key", "x".repeat(300), "hardware_id", "hw"))
                .expectStatus().isBadRequest();
        alice.post("/api/v1/licenses/acquire", Map.of("license_key", key, "hardware_id", "hw"), "bad key with spaces")
                .expectStatus().isBadRequest();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsLiveSessionsOwnForMembersAllForAdminsAndCountsSeats() {
        alice.acquire(key, "hw-a").expectStatus().isCreated();
        bob.acquire(key, "hw-b").expectStatus().isCreated();

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            List<Map<String, Object>> mine = (List<Map<String, Object>>) alice.get("/api/v1/licenses/sessions").expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("items");
            assertThat(mine).extracting(s -> s.get("user")).containsExactly("alice");
            List<Map<String, Object>> all = (List<Map<String, Object>>) admin.get("/api/v1/licenses/sessions?limit=1").expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("items");
            assertThat(all).hasSize(1);
            admin.get("/api/v1/seats").expectStatus().isOk().expectBody()
                    .jsonPath("$.max_seats").isEqualTo(5).jsonPath("$.in_use").isEqualTo(2).jsonPath("$.available").isEqualTo(3);
        });
        admin.get("/api/v1/licenses/sessions?limit=0").expectStatus().isBadRequest();
        admin.get("/api/v1/licenses/sessions?cursor=%%%").expectStatus().isBadRequest();
    }

    @SuppressWarnings("unchecked")
    private void assertLicenseVerifiesOnlyAsSigned(Map<String, Object> license) throws Exception {
        Map<String, Object> keys = platform.client().get().uri("/api/v1/licenses/public-key").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String pem = ((List<Map<String, String>>) keys.get("keys")).stream().filter(k -> k.get("key_id").equals(license.get("key_id")))
                .findFirst().orElseThrow().get("pem");
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));

        assertThat(IndependentLicenseCheck.verifies(license, publicKey)).isTrue();
        Map<String, Object> payload = (Map<String, Object>) license.get("payload");
        for (String field : payload.keySet()) {
            Map<String, Object> tampered = new LinkedHashMap<>(payload);
            tampered.put(field, field.equals("features") ? List.of("everything") : "tampered");
            Map<String, Object> changed = new LinkedHashMap<>(license);
            changed.put("payload", tampered);
            assertThat(IndependentLicenseCheck.verifies(changed, publicKey)).as("changed %s", field).isFalse();
        }
    }
}
