package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Licenses and sessions are paged through the mirror's time indexes: every item once, in order. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class ListPagingTest {

    private TenantApi admin;
    private TenantApi alice;
    private TenantApi bob;

    @BeforeEach
    void tenant(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        new TenantApi(platform, tenant, "olga", Role.OWNER).configure(Map.of("plan", "ENTERPRISE", "max_seats", 20));
        admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
        alice = new TenantApi(platform, tenant, "alice", Role.MEMBER);
        bob = new TenantApi(platform, tenant, "bob", Role.MEMBER);
    }

    @Test
    void licensesComeInCreationOrderPageByPage() {
        List<Object> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(admin.createLicense().get("id"));
        }

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(walk(alice, "/api/v1/licenses", 2)).containsExactlyElementsOf(created));
        assertThat(firstPage(alice, "/api/v1/licenses?limit=5").get("next_cursor")).as("no page after the last").isNull();
    }

    @Test
    void aMemberPagesThroughTheirOwnSessionsAndAnAdminThroughEveryone() {
        String key = (String) admin.createLicense().get("key");
        List<Object> ofAlice = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ofAlice.add(id(alice.acquire(key, "hw-a" + i).expectStatus().isCreated()));
        }
        Object ofBob = id(bob.acquire(key, "hw-b").expectStatus().isCreated());

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(walk(alice, "/api/v1/licenses/sessions", 2)).containsExactlyElementsOf(ofAlice);
            assertThat(walk(bob, "/api/v1/licenses/sessions", 2)).containsExactly(ofBob);
            assertThat(walk(admin, "/api/v1/licenses/sessions", 3)).containsExactlyInAnyOrderElementsOf(
                    List.of(ofAlice.get(0), ofAlice.get(1), ofAlice.get(2), ofBob));
        });

        alice.delete("/api/v1/licenses/sessions/" + ofAlice.get(1)).expectStatus().isOk();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(walk(alice, "/api/v1/licenses/sessions", 2)).containsExactly(ofAlice.get(0), ofAlice.get(2)));
    }

    /** Every item id of the list, following next_cursor page by page. */
    @SuppressWarnings("unchecked")
    private static List<Object> walk(TenantApi caller, String path, int limit) {
        List<Object> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = firstPage(caller, path + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            items.forEach(item -> ids.add(item.get("id")));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstPage(TenantApi caller, String path) {
        return caller.get(path).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static Object id(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec created) {
        return created.expectBody(Map.class).returnResult().getResponseBody().get("id");
    }
}
