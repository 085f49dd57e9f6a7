package dev.seatflow.gateway;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class TenantEndpointsTest {

    private TenantApi owner;
    private TenantApi admin;
    private TenantApi member;
    private TenantApi guest;

    @BeforeEach
    void tenant(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        owner = new TenantApi(platform, tenant, "olga", Role.OWNER);
        admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
        member = new TenantApi(platform, tenant, "max", Role.MEMBER);
        guest = new TenantApi(platform, tenant, "gus", Role.GUEST);
    }

    @Test
    void aNewTenantIsOnTheFreePlan() {
        member.get("/api/v1/tenant").expectStatus().isOk().expectBody()
                .jsonPath("$.tenant_id").isEqualTo(member.tenant)
                .jsonPath("$.plan").isEqualTo("FREE").jsonPath("$.max_seats").isEqualTo(1).jsonPath("$.session_ttl_seconds").isEqualTo(360)
                .jsonPath("$.offline_grace_seconds").isEqualTo(0);
        guest.get("/api/v1/tenant").expectStatus().isForbidden();
    }

    @Test
    void theOwnerChangesPlanSeatsAndTtl() {
        owner.patch("/api/v1/tenant", Map.of("plan", "ENTERPRISE", "max_seats", 40, "session_ttl_seconds", 600)).expectStatus().isOk()
                .expectBody().jsonPath("$.plan").isEqualTo("ENTERPRISE").jsonPath("$.max_seats").isEqualTo(40);

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> member.get("/api/v1/tenant").expectStatus().isOk()
                .expectBody().jsonPath("$.max_seats").isEqualTo(40).jsonPath("$.session_ttl_seconds").isEqualTo(600));
    }

    @Test
    void theOwnerSetsAnOfflineGraceThatLaterChangesKeep() {
        owner.patch("/api/v1/tenant", Map.of("offline_grace_seconds", 86_400)).expectStatus().isOk()
                .expectBody().jsonPath("$.offline_grace_seconds").isEqualTo(86_400);
        owner.patch("/api/v1/tenant", Map.of("plan", "PRO")).expectStatus().isOk()
                .expectBody().jsonPath("$.offline_grace_seconds").isEqualTo(86_400);

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> member.get("/api/v1/tenant").expectStatus().isOk()
                .expectBody().jsonPath("$.plan").isEqualTo("PRO").jsonPath("$.offline_grace_seconds").isEqualTo(86_400));
    }

    @Test
    void onlyTheOwnerChangesTheTenantAndOnlyWithinItsPlan() {
        admin.patch("/api/v1/tenant", Map.of("plan", "ENTERPRISE")).expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("forbidden");
        member.patch("/api/v1/tenant", Map.of("max_seats", 100)).expectStatus().isForbidden();
        owner.patch("/api/v1/tenant", Map.of("plan", "PRO", "max_seats", 50)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request");
        owner.patch("/api/v1/tenant", Map.of("session_ttl_seconds", 1)).expectStatus().isBadRequest();
        owner.patch("/api/v1/tenant", Map.of("offline_grace_seconds", 604_801)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request");
        owner.patch("/api/v1/tenant", Map.of("tenant_id", "someone-else")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("unknown field 'tenant_id'");
        owner.patch("/api/v1/tenant", Map.of()).expectStatus().isBadRequest();
    }
}
