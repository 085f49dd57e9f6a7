package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.localinfra.FreePorts;
import dev.seatflow.testkit.RealServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Readiness answers whatever Redis does: the probe reports the last background check (its
 * {@code checkedAt}, or why there is none yet) and never waits for a dependency itself. The
 * response timeout only keeps a regression from hanging the build; it is generous because a loaded
 * CI machine can take seconds over a fresh gateway's first requests.
 */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class ReadinessTest {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void answersDownPromptlyWhenRedisAcceptsConnectionsButNeverAnswers(GatewayPlatform platform) throws IOException {
        // Bound but never accepted: the kernel completes the TCP handshake, nothing ever replies.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                     "--seatflow.redis.uri=redis://127.0.0.1:" + silent.getLocalPort())) {
            for (int probe = 0; probe < 3; probe++) {
                expectRedisDown(gateway);
            }
        }
    }

    @Test
    void answersDownPromptlyWhenRedisIsUnreachable(GatewayPlatform platform) {
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.redis.uri=redis://127.0.0.1:" + FreePorts.pick())) {
            expectRedisDown(gateway);
        }
    }

    private static void expectRedisDown(ConfigurableApplicationContext gateway) {
        WebTestClient probe = GatewayPlatform.client(gateway).mutate().responseTimeout(PROBE_TIMEOUT).build();
        // The public probe: DOWN, and nothing about why.
        probe.get().uri("/readyz").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DOWN").jsonPath("$.components").doesNotExist();
        // Which dependency, and since when: on the management port.
        GatewayPlatform.managementClient(gateway).mutate().responseTimeout(PROBE_TIMEOUT).build().get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.components.redis.status").isEqualTo("DOWN")
                // From the background check: when it last completed, or since when none has.
                .jsonPath("$.components.redis.details").value(Map.class,
                        details -> assertThat(details.keySet()).containsAnyOf("checkedAt", "waitingSince"));
        probe.get().uri("/livez").exchange().expectStatus().isOk();
    }
}
