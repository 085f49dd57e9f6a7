package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.gateway.security.LocalTokenIssuer;
import dev.seatflow.testkit.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Owners' and admins' tokens are checked for revocation by firebase-admin itself
 * ({@code verifyIdToken(token, true)}), against an in-test stand-in of Google's endpoints; members'
 * seat traffic never waits for that check.
 */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class TokenRevocationTest {

    private static final String PROJECT = "demo-seatflow";

    @Test
    void aRevokedAdminTokenIsRefusedWithinTheCheckIntervalWhileMembersHeartbeatsGoOn(GatewayPlatform platform, @TempDir Path keys)
            throws Exception {
        LocalTokenIssuer google = LocalTokenIssuer.open(keys, PROJECT);
        try (FakeGoogleIdentity fake = new FakeGoogleIdentity(google);
             ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                     "--seatflow.gateway.reply-partitions=1", "--seatflow.gateway.auth.local-issuer=false",
                     "--seatflow.gateway.auth.project-id=" + PROJECT, "--seatflow.gateway.auth.endpoint=" + fake.endpoint(),
                     "--seatflow.gateway.auth.revocation-check-interval=1s")) {
            WebTestClient client = GatewayPlatform.client(gateway);
            String tenant = GatewayPlatform.newTenant();
            Instant issued = Instant.now().minusSeconds(10);
            TenantApi admin = new TenantApi(client, google.mint(tenant, "ada", Role.ADMIN, issued, Duration.ofHours(1)), tenant, "ada");
            TenantApi member = new TenantApi(client, google.mint(tenant, "max", Role.MEMBER, issued, Duration.ofHours(1)), tenant, "max");

            String key = (String) admin.createLicense().get("key");
            Map<String, Object> session = member.acquire(key, "hw-1").expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody();
            String heartbeat = "/api/v1/licenses/sessions/" + session.get("id") + "/heartbeat";
            admin.get("/api/v1/licenses").expectStatus().isOk();
            member.patch(heartbeat).expectStatus().isOk();
            assertThat(fake.lookups("ada")).isPositive();

            fake.revokeTokensIssuedBefore("ada", issued.getEpochSecond() + 1);

            Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> admin.get("/api/v1/licenses")
                    .expectStatus().isUnauthorized().expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.code").isEqualTo("token_revoked")
                    // Firebase's own words ("Firebase id token is revoked.") stay in the gateway.
                    .jsonPath("$.detail").isEqualTo("the token has been revoked; sign in again"));
            member.patch(heartbeat).expectStatus().isOk();
            member.get("/api/v1/seats").expectStatus().isOk();
            // Members' requests were never looked up: they stay on the cheap path.
            assertThat(fake.lookups("max")).isZero();
            // A token found revoked stays refused without asking again.
            int asked = fake.lookups("ada");
            admin.get("/api/v1/seats").expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("token_revoked");
            assertThat(fake.lookups("ada")).isEqualTo(asked);

            // A fresh sign-in after the revocation works again.
            TenantApi signedInAgain = new TenantApi(client, google.mint(tenant, "ada", Role.ADMIN, Instant.now(), Duration.ofHours(1)), tenant, "ada");
            signedInAgain.get("/api/v1/licenses").expectStatus().isOk();

            // Google unreachable: an owner's request is not let through unchecked, and not told its token is bad.
            fake.failLookups();
            TenantApi owner = new TenantApi(client, google.mint(tenant, "olga", Role.OWNER, issued, Duration.ofHours(1)), tenant, "olga");
            owner.get("/api/v1/tenant").expectStatus().isEqualTo(503).expectBody().jsonPath("$.code").isEqualTo("identity_unavailable");
            member.patch(heartbeat).expectStatus().isOk();
        }
    }
}
