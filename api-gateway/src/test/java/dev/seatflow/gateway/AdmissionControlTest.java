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
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Beyond its bound of commands in flight a gateway refuses at once with 503 {@code overloaded}
 * and writes nothing: every command the log holds is one that was answered.
 */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class AdmissionControlTest {

    private record Answer(int status, Map<String, Object> body, String retryAfter) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesCommandsBeyondItsBoundWithOverloadedAndWritesNothingForThem(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        TenantApi admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
        new TenantApi(platform, tenant, "olga", Role.OWNER).configure(Map.of("plan", "PRO"));
        String key = (String) admin.createLicense().get("key");

        List<Answer> answers;
        try (ConfigurableApplicationContext bounded = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.in-flight.max=2", "--seatflow.gateway.reply-partitions=1")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    GatewayPlatform.client(bounded).get().uri("/readyz").exchange().expectStatus().isOk());
            WebClient http = WebClient.create(GatewayPlatform.baseUrl(bounded));
            // Fifty at once against two slots: most find both taken.
            answers = Flux.range(0, 50)
                    .flatMap(i -> http.post().uri("api/v1/licenses/acquire")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + platform.token(tenant, "user-" + i, Role.MEMBER))
                            .bodyValue(Map.of("license_key", key, "hardware_id", "hw-" + i))
                            .exchangeToMono(response -> response.bodyToMono(Map.class).map(body -> new Answer(response.statusCode().value(),
                                    (Map<String, Object>) body, response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER)))), 50)
                    .collectList()
                    .block();
        }

        List<Answer> refused = answers.stream().filter(answer -> answer.status() == 503).toList();
        long granted = answers.stream().filter(answer -> answer.status() == 201).count();
        long exhausted = answers.stream().filter(answer -> answer.status() == 409).count();
        assertThat(granted + exhausted + refused.size()).as("every answer is 201, 409 or 503").isEqualTo(50);
        assertThat(refused).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.body()).containsEntry("code", "overloaded");
            assertThat(answer.retryAfter()).isEqualTo("1");
        });
        assertThat(granted).isBetween(1L, 5L);
        // Only admitted commands reached the log: one audited acquisition or refusal per 201 and 409.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> acquired = admin.get("/api/v1/audit-logs?action=license_acquired&limit=100").expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            Map<String, Object> failed = admin.get("/api/v1/audit-logs?action=license_acquisition_failed&limit=100").expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            assertThat(((List<?>) acquired.get("items")).size()).isEqualTo((int) granted);
            assertThat(((List<?>) failed.get("items")).size()).isEqualTo((int) exhausted);
        });
    }
}
