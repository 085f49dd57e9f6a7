package dev.seatflow.gateway;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Limits of sessions per user (tenant and license), and an Idempotency-Key reused for another request. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class SessionLimitsAndKeyReuseTest {

    private TenantApi owner;
    private TenantApi admin;
    private TenantApi alice;
    private TenantApi bob;

    @BeforeEach
    void tenant(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        owner = new TenantApi(platform, tenant, "olga", Role.OWNER);
        admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
        alice = new TenantApi(platform, tenant, "alice", Role.MEMBER);
        bob = new TenantApi(platform, tenant, "bob", Role.MEMBER);
        owner.configure(Map.of("plan", "ENTERPRISE", "max_seats", 20));
    }

    @Test
    void aMemberWithMadeUpMachineIdsCannotTakeEverySeat() {
        owner.patch("/api/v1/tenant", Map.of("max_sessions_per_user", 2)).expectStatus().isOk()
                .expectBody().jsonPath("$.max_sessions_per_user").isEqualTo(2);
        String key = (String) admin.createLicense().get("key");
        alice.acquire(key, "hw-1").expectStatus().isCreated();
        alice.acquire(key, "hw-2").expectStatus().isCreated();

        alice.acquire(key, "hw-made-up").expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("session_limit_reached");
        bob.acquire(key, "hw-1").expectStatus().isCreated();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> alice.get("/api/v1/tenant").expectStatus().isOk()
                .expectBody().jsonPath("$.max_sessions_per_user").isEqualTo(2).jsonPath("$.seats_in_use").isEqualTo(3));
    }

    @Test
    void aLicenseCarriesALimitOfItsOwnThatAnAdminChanges() {
        Map<?, ?> license = admin.post("/api/v1/licenses", Map.of("tier", "PRO", "features", List.of(),
                        "expiry_date", Instant.now().plus(30, ChronoUnit.DAYS).toString(), "max_sessions_per_user", 1))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String key = (String) license.get("key");
        alice.acquire(key, "hw-1").expectStatus().isCreated();
        alice.acquire(key, "hw-2").expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("session_limit_reached");

        admin.patch("/api/v1/licenses/" + license.get("id"), Map.of("max_sessions_per_user", 0)).expectStatus().isOk()
                .expectBody().jsonPath("$.max_sessions_per_user").isEqualTo(0);
        alice.acquire(key, "hw-2").expectStatus().isCreated();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> admin.get("/api/v1/licenses/" + license.get("id"))
                .expectStatus().isOk().expectBody().jsonPath("$.max_sessions_per_user").isEqualTo(0));
        admin.post("/api/v1/licenses", Map.of("tier", "PRO", "expiry_date", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                "max_sessions_per_user", -1)).expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_request");
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedAndTheFirstAnswerStands() {
        String key = (String) admin.createLicense().get("key");
        Map<String, String> first = Map.of("license_key", key, "hardware_id", "hw-1");
        String session = (String) alice.post("/api/v1/licenses/acquire", first, "checkout-1").expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        alice.post("/api/v1/licenses/acquire", Map.of("license_key", key, "hardware_id", "hw-2"), "checkout-1")
                .expectStatus().isEqualTo(422).expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reuse");
        alice.post("/api/v1/licenses/acquire", first, "checkout-1").expectStatus().isCreated().expectBody().jsonPath("$.id").isEqualTo(session);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                alice.get("/api/v1/seats").expectStatus().isOk().expectBody().jsonPath("$.in_use").isEqualTo(1));
    }
}
