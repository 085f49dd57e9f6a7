package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.RedisClusterService;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The whole platform (processor, audit sink, gateway) on a real Redis Cluster of three masters
 * ({@code seatflow.redis.cluster=true}): the mirror's writes, the gateway's reads of settings,
 * licenses, sessions (by id and paged through the indexes) and the shared rate-limit buckets.
 */
@RealServices
class RedisClusterApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void theApiWorksOnARedisCluster(TestServices shared) {
        RedisClusterService cluster = shared.redisCluster().orElse(null);
        assumeTrue(cluster != null, "no redis-server to start a Redis Cluster with (see the test kit's log)");
        try (TestServices services = shared.isolated();
             GatewayPlatform platform = GatewayPlatform.start(services,
                     List.of("--seatflow.redis.uri=" + cluster.uri(), "--seatflow.redis.cluster=true"))) {
            // Tenants whose keys lie on different masters (slots of their hash tags: 11304 and 4703).
            for (String tenant : List.of("acme", "hooli")) {
                new TenantApi(platform, tenant, "olga", Role.OWNER).configure(Map.of("plan", "ENTERPRISE", "max_seats", 10));
                TenantApi admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
                TenantApi alice = new TenantApi(platform, tenant, "alice", Role.MEMBER);
                String key = (String) admin.createLicense().get("key");
                List<Object> ofAlice = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ofAlice.add(alice.acquire(key, "hw-" + i).expectStatus().isCreated().expectBody(Map.class)
                            .returnResult().getResponseBody().get("id"));
                }

                Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
                    alice.get("/api/v1/tenant").expectStatus().isOk().expectBody()
                            .jsonPath("$.max_seats").isEqualTo(10).jsonPath("$.seats_in_use").isEqualTo(3);
                    assertThat(walk(alice, "/api/v1/licenses/sessions", 2)).containsExactlyElementsOf(ofAlice);
                    assertThat(walk(admin, "/api/v1/licenses", 1)).hasSize(1);
                });
                alice.patch("/api/v1/licenses/sessions/" + ofAlice.get(0) + "/heartbeat?lease=true").expectStatus().isOk()
                        .expectBody().jsonPath("$.signed_license").exists();
                alice.delete("/api/v1/licenses/sessions/" + ofAlice.get(1)).expectStatus().isOk();
                Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                        assertThat(walk(alice, "/api/v1/licenses/sessions", 2)).containsExactly(ofAlice.get(0), ofAlice.get(2)));
            }

            assertThat(rateLimitKeys(cluster, services.namespace().redisKeyPrefix()))
                    .as("the rate limiter's buckets live in the cluster (not only in the fallback)").isNotEmpty();
        }
    }

    private static List<String> rateLimitKeys(RedisClusterService cluster, String prefix) {
        RedisClusterClient client = RedisClusterClient.create(cluster.uri());
        try (var connection = client.connect()) {
            List<String> found = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "ratelimit:*").limit(500)).forEachRemaining(found::add);
            return found;
        } finally {
            client.shutdown();
        }
    }

    /** Every item id of a list, following next_cursor page by page. */
    @SuppressWarnings("unchecked")
    private static List<Object> walk(TenantApi caller, String path, int limit) {
        List<Object> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = caller.get(path + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            ((List<Map<String, Object>>) page.get("items")).forEach(item -> ids.add(item.get("id")));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        return ids;
    }
}
