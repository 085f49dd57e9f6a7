package dev.seatflow.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.GatewayPlatformExtension;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/** A seat rides out its gateway going away: OFFLINE while its lease holds, ACTIVE again once the gateway is back. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class SeatOfflineTest {

    @Test
    void aSeatGoesOfflineWhileItsGatewayIsDownAndComesBackWithIt(GatewayPlatform platform) {
        Admin admin = Admin.of(platform, GatewayPlatform.newTenant());
        // A lease outliving its session by five minutes: the app keeps working while the gateway restarts.
        admin.configure(Map.of("plan", "PRO", "session_ttl_seconds", 30, "offline_grace_seconds", 300));
        String key = (String) admin.createLicense().get("key");
        String port = "--server.port=" + freePort();
        ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(), port);
        List<SeatState> told = new CopyOnWriteArrayList<>();
        try (SeatflowClient client = SeatflowClient.builder(URI.create(GatewayPlatform.baseUrl(gateway)))
                .tokens(() -> platform.token(admin.tenant(), "alice", Role.MEMBER)).build()) {
            Seat seat = client.acquire(key, "laptop-1", (s, state, reason) -> told.add(state));

            gateway.close();
            Awaitility.await().atMost(45, TimeUnit.SECONDS).until(() -> seat.state() == SeatState.OFFLINE);
            assertThat(seat.license().features()).as("the verified lease still answers offline").containsExactly("analytics");

            gateway = GatewayPlatform.startGateway(platform.services(), port);
            Awaitility.await().atMost(45, TimeUnit.SECONDS).until(() -> seat.state() == SeatState.ACTIVE);
            seat.close();
            assertThat(told).containsExactly(SeatState.OFFLINE, SeatState.ACTIVE, SeatState.RELEASED);
        } finally {
            gateway.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
