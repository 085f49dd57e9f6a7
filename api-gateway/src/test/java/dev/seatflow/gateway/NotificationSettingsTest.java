package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
    void namesTheNamespacedFcmTopicAppsSubscribeTo() {
        owner.put(Map.of("fcm_topic", "licenses")).expectStatus().isOk().expectBody()
                .jsonPath("$.fcm_topic").isEqualTo("licenses")
                .jsonPath("$.fcm_subscription_topic").isEqualTo("t." + owner.tenant + ".licenses");
        owner.put(Map.of("fcm_topic", "x".repeat(900))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0]").value(String.class, error -> assertThat(error).contains("t." + owner.tenant + ".<fcm_topic>"));
    }

    @Test
    void refusesWebhooksPointingIntoOurNetworkAsAnInvalidRequest() {
        // Address literals only: what names resolve to is the resolver's business, tested with a resolver double in expiry-settings.
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[::ffff:10.0.0.1]/hook", "http://[64:ff9b::a9fe:a9fe]/hook",
                "http://192.168.1.1/hook", "https://[fd00::1]/hook", "http://100.64.0.1/hook", "http://[2002:a9fe:a9fe::1]/hook")) {
            owner.put(Map.of("webhook_url", url, "webhook_secret", "a-secret-of-sixteen+"))
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith("application/problem+json")
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_request")
                    .jsonPath("$.errors[0]").value(String.class, error -> assertThat(error).as(url)
                            .startsWith("webhook_url must point to a public host: "));
        }
        admin.get("/api/v1/tenant/notifications").expectStatus().isOk().expectBody().jsonPath("$.webhook_url").doesNotExist();
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
