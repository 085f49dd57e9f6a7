package dev.seatflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.GatewayPlatformExtension;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.signing.LicenseVerificationException;
import dev.seatflow.testkit.RealServices;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SDK against a real gateway and seat processor: what a desktop app sees. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class SeatflowClientTest {

    private GatewayPlatform platform;
    private Admin admin;
    private SeatflowClient client;
    private final List<SeatState> told = new CopyOnWriteArrayList<>();
    private final List<String> reasons = new CopyOnWriteArrayList<>();

    @BeforeEach
    void tenant(GatewayPlatform platform) {
        this.platform = platform;
        admin = Admin.of(platform, GatewayPlatform.newTenant());
        admin.configure(Map.of("plan", "PRO", "session_ttl_seconds", 30));
        client = SeatflowClient.builder(URI.create(platform.baseUrl()))
                .tokens(() -> platform.token(admin.tenant(), "alice", Role.MEMBER)).build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aSeatIsVerifiedKeptAliveAndReleasedOnClose() {
        Map<String, Object> license = admin.createLicense();
        Seat seat = client.acquire((String) license.get("key"), "laptop-1", this::listen);

        assertThat(seat.state()).isEqualTo(SeatState.ACTIVE);
        assertThat(seat.license().tier()).isEqualTo("PRO");
        assertThat(seat.license().features()).containsExactly("analytics");
        assertThat(seat.license().sessionId()).isEqualTo(seat.id());
        Awaitility.await().atMost(45, TimeUnit.SECONDS).untilAsserted(() -> {
            Map<String, Object> session = admin.session(seat.id());
            assertThat(Instant.parse((String) session.get("last_heartbeat_at")))
                    .as("a heartbeat went out by itself").isAfter(Instant.parse((String) session.get("started_at")));
        });

        seat.close();
        seat.close();

        assertThat(seat.state()).isEqualTo(SeatState.RELEASED);
        assertThat(told).containsExactly(SeatState.RELEASED);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(admin.seatsInUse()).isZero());
    }

    @Test
    void aSeatIsLostWhenAnAdminDeactivatesItsLicense() {
        Map<String, Object> license = admin.createLicense();
        Seat seat = client.acquire((String) license.get("key"), "laptop-1", this::listen);

        admin.post("/api/v1/licenses/" + license.get("id") + "/deactivate", null);

        Awaitility.await().atMost(45, TimeUnit.SECONDS).until(() -> seat.state() == SeatState.LOST);
        assertThat(reasons).containsExactly("session_gone");
        seat.close();
        assertThat(told).as("a lost seat has nothing to release").containsExactly(SeatState.LOST);
    }

    @Test
    void aRefusalSaysWhyWithTheProblemCode() {
        admin.configure(Map.of("max_sessions_per_user", 1));
        String key = (String) admin.createLicense().get("key");
        try (Seat first = client.acquire(key, "laptop-1")) {
            assertThatThrownBy(() -> client.acquire(key, "laptop-2"))
                    .isInstanceOfSatisfying(SeatflowException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(409);
                        assertThat(refused.code()).isEqualTo("session_limit_reached");
                        assertThat(refused.isTransient()).isFalse();
                    });
            assertThat(first.state()).isEqualTo(SeatState.ACTIVE);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aForgedOrExpiredLeaseIsRefusedOffline() {
        Map<String, Object> signed = (Map<String, Object>) admin.acquireAs("bob", (String) admin.createLicense().get("key"), "hw-1")
                .get("signed_license");
        assertThat(client.verify(signed).tier()).isEqualTo("PRO");

        Map<String, Object> forged = new HashMap<>(signed);
        Map<String, Object> payload = new HashMap<>((Map<String, Object>) signed.get("payload"));
        payload.put("tier", "ENTERPRISE");
        forged.put("payload", payload);
        assertThatThrownBy(() -> client.verify(forged)).isInstanceOf(LicenseVerificationException.class);

        try (SeatflowClient later = SeatflowClient.builder(URI.create(platform.baseUrl())).tokens(() -> "unused")
                .clock(Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC)).build()) {
            assertThatThrownBy(() -> later.verify(signed)).isInstanceOf(LicenseVerificationException.class);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWellSignedLeaseOfAnotherSeatIsNotThisSeatsLease() {
        String key = (String) admin.createLicense().get("key");
        Map<String, Object> bobs = admin.acquireAs("bob", key, "hw-bob");
        Map<String, Object> carols = admin.acquireAs("carol", key, "hw-carol");
        java.util.UUID bobsSession = java.util.UUID.fromString((String) bobs.get("id"));

        assertThat(client.verifyLease(bobs.get("signed_license"), bobsSession, "hw-bob").sessionId()).isEqualTo(bobsSession);
        assertThatThrownBy(() -> client.verifyLease(carols.get("signed_license"), bobsSession, "hw-bob"))
                .isInstanceOf(LicenseVerificationException.class);
        assertThatThrownBy(() -> client.verifyLease(bobs.get("signed_license"), bobsSession, "hw-elsewhere"))
                .isInstanceOf(LicenseVerificationException.class);
    }

    @Test
    void aMachineWhoseClockIsBehindTheServersStillTakesASeat() {
        String key = (String) admin.createLicense().get("key");
        try (SeatflowClient behind = SeatflowClient.builder(URI.create(platform.baseUrl()))
                .tokens(() -> platform.token(admin.tenant(), "alice", Role.MEMBER))
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2))).build();
             Seat seat = behind.acquire(key, "slow-clock")) {
            assertThat(seat.license().tier()).isEqualTo("PRO");
        }
    }

    private void listen(Seat seat, SeatState state, String reason) {
        told.add(state);
        if (reason != null) {
            reasons.add(reason);
        }
    }
}
