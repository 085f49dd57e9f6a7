package dev.seatflow.gateway;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class NotificationSettingsTest {

    private TenantApi owner;
    private TenantApi admin;

    @BeforeEach
    void tenant(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        owner = new TenantApi(platform, tenant, "olga", Role.OWNER);
        admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
    }

    @Test
    void theOwnerSetsChannelsAndAdminsReadThemWithoutTheSecret() {
        admin.get("/api/v1/tenant/notifications").expectStatus().isOk().expectBody().jsonPath("$.thresholds.length()").isEqualTo(0);

        owner.put(Map.of("thresholds", List.of("P14D", "PT0S"), "webhook_url", "http://127.0.0.1:9/hooks",
                        "webhook_secret", "a-secret-of-sixteen+", "email_recipients", List.of("ops@example.com")))
                .expectStatus().isOk().expectBody().jsonPath("$.webhook_secret").doesNotExist();

        admin.get("/api/v1/tenant/notifications").expectStatus().isOk().expectBody()
                .jsonPath("$.webhook_url").isEqualTo("http://127.0.0.1:9/hooks")
                .jsonPath("$.email_recipients[0]").isEqualTo("ops@example.com")
                .jsonPath("$.thresholds[0]").isEqualTo("PT336H")
                .jsonPath("$.webhook_secret").doesNotExist();
    }

    @Test
    void refusesInvalidSettingsAndNonOwners() {
        owner.put(Map.of("webhook_url", "http://127.0.0.1:9/hooks", "webhook_secret", "short")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request").jsonPath("$.errors[0]").exists();
        owner.put(Map.of("thresholds", List.of("thirty days"))).expectStatus().isBadRequest();
        owner.put(Map.of("email_recipients", List.of("not-an-address"))).expectStatus().isBadRequest();
        admin.put(Map.of("email_recipients", List.of("ops@example.com"))).expectStatus().isForbidden();
        new TenantApi(owner, Role.MEMBER).get("/api/v1/tenant/notifications").expectStatus().isForbidden();
    }
}
