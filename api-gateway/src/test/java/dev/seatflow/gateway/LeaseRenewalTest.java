package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.testkit.RealServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A renewed lease is signed from the heartbeat's decision, not from what the Redis mirror shows. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class LeaseRenewalTest {

    @Test
    @SuppressWarnings("unchecked")
    void signsARenewedLeaseWithTheDecidedTermsEvenWhileTheMirrorDoesNotShowTheLicense(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        TenantApi admin = new TenantApi(platform, tenant, "ada", Role.ADMIN);
        TenantApi alice = new TenantApi(platform, tenant, "alice", Role.MEMBER);
        Map<String, Object> license = admin.createLicense();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                alice.get("/api/v1/licenses/" + license.get("id")).expectStatus().isOk());
        String session = (String) alice.acquire((String) license.get("key"), "hw-1").expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        // What a mirror a moment behind a license's creation looks like: no hash for it yet.
        RedisClient redis = RedisClient.create(platform.services().redis().uri());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            connection.sync().del(new RedisKeys(platform.services().namespace().redisKeyPrefix()).license(tenant, (String) license.get("id")));
        } finally {
            redis.shutdown();
        }

        Map<String, Object> renewed = alice.patch("/api/v1/licenses/sessions/" + session + "/heartbeat?lease=true").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        Map<String, Object> payload = (Map<String, Object>) ((Map<String, Object>) renewed.get("signed_license")).get("payload");
        assertThat(payload).containsEntry("type", "lease").containsEntry("session_id", session)
                .containsEntry("license_key", license.get("key")).containsEntry("tier", "PRO")
                .containsEntry("not_after", renewed.get("expires_at"));
    }
}
