package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The client address in the audit trail and the per-IP rate limit, with and without trusted proxies. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class ClientAddressTest {

    @Test
    void withoutTrustedProxiesAForwardedForHeaderNeitherForgesTheAuditAddressNorBlanksIt(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        configure(platform.client(), platform.token(tenant, "olga", Role.OWNER), "6.6.6.6");

        assertThat(auditedAddress(platform, tenant)).isEqualTo("127.0.0.1");
    }

    @Test
    void behindATrustedProxyTheAuditAndTheRateLimitSeeTheAddressTheProxyAppended(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        String token = platform.token(tenant, "olga", Role.OWNER);
        // The first answer checked against the API document fetches it from the gateway answering,
        // from 127.0.0.1: from the gateway below, that would take 127.0.0.1's bucket with this test's
        // 2 per hour, a bucket every gateway of this JVM shares (same Redis prefix), and starve the
        // platform's own requests from 127.0.0.1 in the tests after it. Read it from the platform first.
        seats(platform.client(), token, "").expectStatus().isOk();
        // This test's requests come from 127.0.0.1: here that is the proxy.
        try (ConfigurableApplicationContext behindProxy = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.reply-partitions=1",
                "--seatflow.gateway.client-address.trusted-proxies=127.0.0.1/32",
                "--seatflow.gateway.rate-limit.per-client-ip=2",
                "--seatflow.gateway.rate-limit.period=1h")) {
            WebTestClient client = GatewayPlatform.client(behindProxy);
            configure(client, token, "6.6.6.6, 203.0.113.7").expectStatus().isOk();
            assertThat(auditedAddress(platform, tenant)).isEqualTo("203.0.113.7");

            // 203.0.113.7 has one request left in this period; another client behind the same proxy has its own bucket.
            seats(client, token, "203.0.113.7").expectStatus().isOk();
            seats(client, token, "203.0.113.7").expectStatus().isEqualTo(429);
            seats(client, token, "spoofed, 203.0.113.8").expectStatus().isOk();
        }
    }

    private static WebTestClient.ResponseSpec configure(WebTestClient client, String token, String forwardedFor) {
        return client.patch().uri("/api/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Forwarded-For", forwardedFor).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("plan", "PRO")).exchange();
    }

    private static WebTestClient.ResponseSpec seats(WebTestClient client, String token, String forwardedFor) {
        return client.get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Forwarded-For", forwardedFor).exchange();
    }

    @SuppressWarnings("unchecked")
    private static String auditedAddress(GatewayPlatform platform, String tenant) {
        TenantApi owner = new TenantApi(platform, tenant, "olga", Role.OWNER);
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<Map<String, Object>> items = (List<Map<String, Object>>) owner.get("/api/v1/audit-logs?action=tenant_configured")
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
            return items.isEmpty() ? null : (String) items.get(0).get("ip_address");
        }, address -> address != null);
    }
}
