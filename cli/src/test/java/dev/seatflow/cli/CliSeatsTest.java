package dev.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.GatewayPlatformExtension;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

/** Tenant settings, seat usage and live sessions through the CLI; seats are taken through HTTP as an app would. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class CliSeatsTest {

    @TempDir
    Path home;

    private GatewayPlatform platform;
    private String tenant;
    private CliRun cli;

    @BeforeEach
    void owner(GatewayPlatform platform) {
        this.platform = platform;
        tenant = GatewayPlatform.newTenant();
        cli = CliRun.at(platform.baseUrl(), home).with("SEATFLOW_TOKEN", platform.token(tenant, "olga", Role.OWNER));
    }

    @Test
    void showsAndChangesTheTenantsSettings() {
        CliRun.Result set = cli.run("tenant", "set", "--plan", "pro", "--session-ttl-seconds", "120", "--max-sessions-per-user", "3");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.out()).containsPattern("plan\\s+PRO").containsPattern("session_ttl_seconds\\s+120");

        // Reads come from the read store, which follows the decision a moment later.
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(cli.run("tenant", "show", "--json").json())
                .containsEntry("tenant_id", tenant).containsEntry("plan", "PRO")
                .containsEntry("session_ttl_seconds", 120).containsEntry("max_sessions_per_user", 3));
        assertThat(cli.run("tenant", "show").out()).containsPattern("tenant_id\\s+" + tenant);

        CliRun.Result nothing = cli.run("tenant", "set");
        assertThat(nothing.exit()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void listsAndReleasesASessionAcquiredThroughHttpAndSeatsFollow() {
        assertThat(cli.run("tenant", "set", "--plan", "PRO").exit()).isZero();
        Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(cli.run("seats", "--json").json()).containsEntry("plan", "PRO"));
        String key = (String) cli.run("licenses", "create", "--json", "--tier", "PRO", "--expires", "2030-01-01T00:00:00Z").json().get("key");
        String session = acquire(key, "bob", "laptop-7");

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            CliRun.Result sessions = cli.run("sessions", "list");
            assertThat(sessions.exit()).as(sessions.toString()).isZero();
            assertThat(sessions.out()).contains(session).contains(key).contains("bob").contains("laptop-7");
            assertThat(cli.run("seats", "--json").json()).containsEntry("in_use", 1).containsEntry("plan", "PRO");
            assertThat(cli.run("seats").out()).containsPattern("in_use\\s+1");
        });

        CliRun.Result released = cli.run("sessions", "release", session);
        assertThat(released.exit()).as(released.toString()).isZero();
        assertThat(released.out()).contains("License released successfully: session " + session);

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(cli.run("sessions", "list", "--json").items()).isEmpty();
            assertThat(cli.run("seats", "--json").json()).containsEntry("in_use", 0);
        });
        CliRun.Result again = cli.run("sessions", "release", session);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Session already ended: session " + session);
    }

    @SuppressWarnings("unchecked")
    private String acquire(String key, String user, String hardware) {
        Map<String, Object> session = platform.client().post().uri("/api/v1/licenses/acquire")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + platform.token(tenant, user, Role.MEMBER))
                .bodyValue(Map.of("license_key", key, "hardware_id", hardware))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) session.get("id");
    }
}
