package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code seatflow.gateway.heartbeat-path=accepted}: fast answers for live sessions, exact refusals otherwise. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class AcceptedHeartbeatTest {

    private GatewayPlatform platform;
    private ConfigurableApplicationContext gateway;
    private WebTestClient client;
    private String tenant;
    private String key;
    private TenantApi alice;

    /** A second gateway on the accepted path (its own reply partition), and a tenant with a license and a member. */
    @BeforeEach
    void acceptingGateway(GatewayPlatform platform) {
        this.platform = platform;
        gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.heartbeat-path=accepted", "--seatflow.gateway.reply-partitions=1");
        client = ready(gateway);
        tenant = GatewayPlatform.newTenant();
        user("olga", Role.OWNER).configure(Map.of("plan", "PRO"));
        key = (String) user("ada", Role.ADMIN).createLicense().get("key");
        alice = user("alice", Role.MEMBER);
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersALiveSessionsHeartbeatOnceWrittenAndTheProcessorStillExtendsIt() {
        Map<String, Object> session = alice.acquire(key, "hw-1").expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) session.get("id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mirrored(alice, id) != null);

        Map<String, Object> answer = alice.patch("/api/v1/licenses/sessions/" + id + "/heartbeat").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        Instant answered = Instant.parse((String) answer.get("last_heartbeat_at"));
        assertThat(answered).isAfterOrEqualTo(Instant.parse((String) session.get("last_heartbeat_at")));
        assertThat(Instant.parse((String) answer.get("expires_at"))).isEqualTo(answered.plusSeconds(360));
        // The processor decides the heartbeat after the answer, at the command's append time: the time answered.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Instant.parse((String) mirrored(alice, id).get("last_heartbeat_at"))).isEqualTo(answered));
    }

    @Test
    void sessionsTheMirrorDoesNotShowAsTheCallersGetTheDecidedRefusal() {
        TenantApi bob = user("bob", Role.MEMBER);
        String stranger = GatewayPlatform.newTenant();
        TenantApi other = new TenantApi(client, platform.token(stranger, "alice", Role.MEMBER), stranger, "alice");
        String id = (String) alice.acquire(key, "hw-1").expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mirrored(alice, id) != null);

        bob.patch("/api/v1/licenses/sessions/" + id + "/heartbeat").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("session_not_found");
        other.patch("/api/v1/licenses/sessions/" + id + "/heartbeat").expectStatus().isNotFound();
        alice.patch("/api/v1/licenses/sessions/" + UUID.randomUUID() + "/heartbeat").expectStatus().isNotFound();

        alice.delete("/api/v1/licenses/sessions/" + id).expectStatus().isOk();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mirrored(alice, id) == null);
        alice.patch("/api/v1/licenses/sessions/" + id + "/heartbeat").expectStatus().isEqualTo(410)
                .expectBody().jsonPath("$.code").isEqualTo("session_gone");
    }

    private TenantApi user(String name, Role role) {
        return new TenantApi(client, platform.token(tenant, name, role), tenant, name);
    }

    /** The new gateway's client once it reads its reply partition (a reply written before would be missed). */
    private static WebTestClient ready(ConfigurableApplicationContext gateway) {
        WebTestClient client = GatewayPlatform.client(gateway);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                client.get().uri("/readyz").exchange().expectStatus().isOk());
        return client;
    }

    /** The caller's session as the Redis mirror lists it, or null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mirrored(TenantApi api, String id) {
        Map<String, Object> page = api.get("/api/v1/licenses/sessions").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().filter(s -> id.equals(s.get("id"))).findFirst().orElse(null);
    }
}
