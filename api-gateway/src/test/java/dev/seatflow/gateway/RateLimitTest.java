package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.localinfra.FreePorts;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The per-IP limit before authentication, and rate limits while Redis is away. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class RateLimitTest {

    /** Documentation addresses (RFC 5737) no other test uses: buckets in Redis outlive a gateway. */
    private static final String FLOODER = "198.51.100.7";
    private static final String BYSTANDER = "198.51.100.8";

    @Test
    void refusesUnauthenticatedFloodBeforeVerifyingTokens(GatewayPlatform platform) {
        String token = platform.token(GatewayPlatform.newTenant(), "mallory", Role.MEMBER);
        // This test's requests come from 127.0.0.1: here that is the proxy, so each test address has its own bucket.
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.reply-partitions=1",
                "--seatflow.gateway.client-address.trusted-proxies=127.0.0.1/32",
                "--seatflow.gateway.rate-limit.per-client-ip=3",
                "--seatflow.gateway.rate-limit.period=1h")) {
            WebTestClient client = GatewayPlatform.client(gateway);
            for (int i = 0; i < 3; i++) {
                seats(client, forged(token), FLOODER).expectStatus().isUnauthorized();
            }

            // Had the token been checked first, this would be the verifier's 401.
            assertRateLimited(seats(client, forged(token), FLOODER));
            assertRateLimited(seats(client, token, FLOODER));
            client.get().uri("/livez").header("X-Forwarded-For", FLOODER).exchange().expectStatus().isOk();
            seats(client, token, BYSTANDER).expectStatus().isOk();
        }
    }

    @Test
    void keepsLimitingFromThisInstancesBucketsWhileRedisIsUnreachable(GatewayPlatform platform) {
        String forged = forged(platform.token(GatewayPlatform.newTenant(), "mallory", Role.MEMBER));
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.reply-partitions=1",
                "--seatflow.redis.uri=redis://127.0.0.1:" + FreePorts.pick(),
                "--seatflow.gateway.rate-limit.per-client-ip=3",
                "--seatflow.gateway.rate-limit.period=1h")) {
            WebTestClient client = GatewayPlatform.client(gateway);
            for (int i = 0; i < 3; i++) {
                client.get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged).exchange()
                        .expectStatus().isUnauthorized();
            }

            assertRateLimited(client.get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged).exchange());
            MeterRegistry meters = gateway.getBean(MeterRegistry.class);
            assertThat(meters.get("seatflow.gateway.rate_limit_fallback").gauge().value()).isEqualTo(1);
            assertThat(meters.get("seatflow.gateway.rate_limit_unavailable").counter().count()).isGreaterThanOrEqualTo(4);
        }
    }

    private static void assertRateLimited(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                // Three an hour: the next token is twenty minutes away.
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds)).isBetween(60L, 3600L))
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
    }

    private static WebTestClient.ResponseSpec seats(WebTestClient client, String token, String forwardedFor) {
        return client.get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Forwarded-For", forwardedFor).exchange();
    }

    /**
     * A well-formed token with a wrong signature: only the signature check can tell, the work a
     * flood of such tokens would cost. (The signature's first character carries signature bits
     * only, unlike its last, which may carry padding.)
     */
    private static String forged(String token) {
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        return token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);
    }
}
