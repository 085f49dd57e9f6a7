package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A client that follows the 503 {@code decision_pending} hint to the letter reaches the same command and gets its decision. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class DecisionPendingRetryTest {

    @Test
    @SuppressWarnings("unchecked")
    void aRetryWithTheHintedIdempotencyKeyGetsTheDecisionOfTheCommandThatTimedOut(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        TenantApi owner = new TenantApi(platform.client(), platform.token(tenant, "olga", Role.OWNER), tenant, "olga");
        String key = (String) owner.createLicense().get("key");
        String alice = platform.token(tenant, "alice", Role.MEMBER);
        Map<String, String> body = Map.of("license_key", key, "hardware_id", "hw-1");

        Map<String, Object> pending;
        // A gateway too impatient to ever see a decision in time (its own reply partition).
        try (ConfigurableApplicationContext impatient = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.decision-timeout=1ms", "--seatflow.gateway.reply-partitions=1")) {
            WebTestClient client = GatewayPlatform.client(impatient);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    client.get().uri("/readyz").exchange().expectStatus().isOk());
            pending = client.post().uri("/api/v1/licenses/acquire").header("Authorization", "Bearer " + alice).bodyValue(body)
                    .exchange().expectStatus().isEqualTo(503).expectHeader().exists("Retry-After")
                    .expectBody(Map.class).returnResult().getResponseBody();
        }
        assertThat(pending).containsEntry("code", "decision_pending").containsKey("idempotency_key");
        String hinted = (String) pending.get("idempotency_key");
        assertThat((String) pending.get("detail")).contains("Idempotency-Key: " + hinted);

        Map<String, Object> granted = platform.client().post().uri("/api/v1/licenses/acquire").header("Authorization", "Bearer " + alice)
                .header("Idempotency-Key", hinted).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> again = platform.client().post().uri("/api/v1/licenses/acquire").header("Authorization", "Bearer " + alice)
                .header("Idempotency-Key", hinted).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(again.get("id")).isEqualTo(granted.get("id"));
        // Seats are read from the mirror, which shows a decision once its transaction committed.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(owner.get("/api/v1/seats").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody())
                        .containsEntry("in_use", 1));
    }
}
