package dev.seatflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.GatewayPlatformExtension;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.signing.LicenseVerificationException;
import dev.seatflow.signing.PublicKeyInfo;
import dev.seatflow.testkit.RealServices;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/** Writes the server asks to retry are retried, as it says; keys the app did not pin are not trusted. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class SeatRetryTest {

    @Test
    void anAcquireOverTheTenantsRateWaitsWhatTheServerSaysAndGoesThrough(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        // One request per tenant every two seconds. The tenant's bucket is made by the first gateway
        // that meets the tenant, so everything here goes through this one.
        ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.rate-limit.per-tenant=1", "--seatflow.gateway.rate-limit.period=2s");
        try (SeatflowClient client = SeatflowClient.builder(URI.create(GatewayPlatform.baseUrl(gateway)))
                .tokens(() -> platform.token(tenant, "alice", Role.MEMBER)).build();
             SeatflowClient impatient = SeatflowClient.builder(URI.create(GatewayPlatform.baseUrl(gateway)))
                     .tokens(() -> platform.token(tenant, "bob", Role.MEMBER))
                     .retries(new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(1))).build()) {
            Map<?, ?> license = GatewayPlatform.client(gateway).post().uri("/api/v1/licenses")
                    .header("Authorization", "Bearer " + platform.token(tenant, "olga", Role.OWNER))
                    .bodyValue(Map.of("tier", "PRO", "expiry_date", Instant.now().plus(Duration.ofDays(30)).toString()))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

            try (Seat seat = client.acquire((String) license.get("key"), "laptop-1")) {
                assertThat(seat.state()).as("answered 429 first, then granted after the wait it named").isEqualTo(SeatState.ACTIVE);
                assertThatThrownBy(() -> impatient.acquire((String) license.get("key"), "laptop-2"))
                        .isInstanceOfSatisfying(SeatflowException.class, refused -> assertThat(refused.code()).isEqualTo("rate_limited"));
            }
        } finally {
            gateway.close();
        }
    }

    @Test
    void anAppThatPinsItsKeysTrustsNoOther(GatewayPlatform platform) throws Exception {
        Admin admin = Admin.of(platform, GatewayPlatform.newTenant());
        Object signed = admin.acquireAs("bob", (String) admin.createLicense().get("key"), "hw-1").get("signed_license");
        KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
        PublicKeyInfo other = new PublicKeyInfo("someone-elses-key", "EdDSA", ed25519.generateKeyPair().getPublic());

        try (SeatflowClient pinned = SeatflowClient.builder(URI.create(platform.baseUrl())).tokens(() -> "unused")
                .pinnedKeys(List.of(other)).build()) {
            assertThatThrownBy(() -> pinned.verify(signed)).isInstanceOf(LicenseVerificationException.class)
                    .hasMessageContaining("unknown key id");
        }
    }
}
