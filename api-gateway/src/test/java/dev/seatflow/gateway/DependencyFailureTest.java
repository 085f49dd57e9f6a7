package dev.seatflow.gateway;

import dev.seatflow.localinfra.FreePorts;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class DependencyFailureTest {

    @Test
    void answers503WithRetryAfterAndTheCommandIdWhenKafkaIsUnreachable(GatewayPlatform platform) {
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.kafka.bootstrap-servers=127.0.0.1:" + FreePorts.pick(), "--seatflow.gateway.kafka-send-timeout=2s")) {
            TenantApi alice = new TenantApi(GatewayPlatform.client(gateway), platform.token("acme", "alice", Role.MEMBER), "acme", "alice");

            alice.acquire("SF-ANY", "hw-1").expectStatus().isEqualTo(503)
                    .expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.code").isEqualTo("kafka_unavailable").jsonPath("$.command_id").isNotEmpty();
            GatewayPlatform.client(gateway).get().uri("/readyz").exchange().expectStatus().isEqualTo(503);
            GatewayPlatform.client(gateway).get().uri("/livez").exchange().expectStatus().isOk();
        }
    }

    @Test
    void answers503WhenTheReadStoreIsUnreachable(GatewayPlatform platform) {
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.redis.uri=redis://127.0.0.1:" + FreePorts.pick(), "--seatflow.gateway.rate-limit.enabled=false")) {
            TenantApi alice = new TenantApi(GatewayPlatform.client(gateway), platform.token("acme", "alice", Role.MEMBER), "acme", "alice");

            alice.get("/api/v1/seats").expectStatus().isEqualTo(503).expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.code").isEqualTo("redis_unavailable");
        }
    }

    @Test
    void answers429WithRetryAfterOverTheTenantsRate(GatewayPlatform platform) {
        TestServices services = platform.services();
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(services,
                "--seatflow.gateway.rate-limit.per-tenant=5",
                "--seatflow.gateway.rate-limit.period=1m", "--seatflow.gateway.reply-partitions=1")) {
            WebTestClient client = GatewayPlatform.client(gateway);
            TenantApi alice = new TenantApi(client, platform.token(GatewayPlatform.newTenant(), "alice", Role.MEMBER), "t", "alice");

            long limited = IntStream.range(0, 12).mapToObj(i -> alice.get("/api/v1/seats").returnResult(Map.class))
                    .filter(result -> result.getStatus().value() == 429)
                    .peek(result -> org.assertj.core.api.Assertions.assertThat(result.getResponseHeaders().getFirst("Retry-After")).isNotBlank())
                    .count();

            // Five a minute: whatever the machine's speed, at most one more can have refilled.
            org.assertj.core.api.Assertions.assertThat(limited).isGreaterThanOrEqualTo(6);
        }
    }
}
