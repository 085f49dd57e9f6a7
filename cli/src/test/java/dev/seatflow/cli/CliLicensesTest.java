package dev.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.GatewayPlatformExtension;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The license lifecycle through the CLI, as tables for people and as the server's JSON for scripts. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class CliLicensesTest {

    @TempDir
    Path home;

    private CliRun cli;

    @BeforeEach
    void owner(GatewayPlatform platform) {
        cli = CliRun.at(platform.baseUrl(), home).with("SEATFLOW_TOKEN", platform.token(GatewayPlatform.newTenant(), "olga", Role.OWNER));
    }

    @Test
    void createsListsUpdatesDeactivatesActivatesAndDeletesALicenseAsTables() {
        CliRun.Result created = cli.run("licenses", "create", "--tier", "pro", "--expires", "2030-01-01T00:00:00Z",
                "--feature", "analytics", "--feature", "export");
        assertThat(created.exit()).as(created.toString()).isZero();
        String[] header = created.out().lines().findFirst().orElseThrow().split("\\s+");
        assertThat(header).startsWith("ID", "KEY", "TIER", "ACTIVE", "EXPIRES");
        String row = created.out().lines().skip(1).findFirst().orElseThrow();
        String id = row.split("\\s+")[0];
        assertThat(row).contains("PRO", "true", "2030-01-01T00:00:00Z", "analytics,export");

        // Lists come from the read store, which follows the decision a moment later.
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            CliRun.Result listed = cli.run("licenses", "list");
            assertThat(listed.exit()).isZero();
            assertThat(listed.out()).contains(id);
        });

        CliRun.Result updated = cli.run("licenses", "update", id, "--tier", "ENTERPRISE", "--max-sessions-per-user", "2");
        assertThat(updated.exit()).as(updated.toString()).isZero();
        assertThat(updated.out()).contains(id).contains("ENTERPRISE");

        CliRun.Result deactivated = cli.run("licenses", "deactivate", id);
        assertThat(deactivated.exit()).as(deactivated.toString()).isZero();
        assertThat(deactivated.out().lines().skip(1).findFirst().orElseThrow()).contains("false");

        CliRun.Result activated = cli.run("licenses", "activate", id);
        assertThat(activated.exit()).as(activated.toString()).isZero();
        assertThat(activated.out().lines().skip(1).findFirst().orElseThrow()).contains("true");

        CliRun.Result deleted = cli.run("licenses", "delete", id);
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(cli.run("licenses", "list").out()).doesNotContain(id));
    }

    @Test
    void jsonOutputIsTheServersJson() {
        Map<String, Object> license = cli.run("licenses", "create", "--json", "--tier", "PRO", "--expires", "2030-01-01T00:00:00Z").json();

        assertThat(license).containsKeys("id", "key", "tier", "features", "expiry_date", "is_active", "max_sessions_per_user");
        assertThat(license).containsEntry("tier", "PRO").containsEntry("is_active", true);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            CliRun.Result page = cli.run("licenses", "list", "--json", "--limit", "50");
            assertThat(page.json()).containsKey("items");
            assertThat(page.items()).extracting(item -> item.get("id")).contains(license.get("id"));
        });
    }

    @Test
    void exitCodeTwoForALicenseThatDoesNotExistAndOneForARequestTheServerFindsInvalid() {
        CliRun.Result missing = cli.run("licenses", "deactivate", UUID.randomUUID().toString());
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(missing.err()).contains("404");

        CliRun.Result nothing = cli.run("licenses", "update", UUID.randomUUID().toString());
        assertThat(nothing.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(nothing.err()).contains("nothing to change");

        CliRun.Result badTier = cli.run("licenses", "create", "--tier", "GOLD", "--expires", "2030-01-01T00:00:00Z");
        assertThat(badTier.exit()).as(badTier.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(badTier.err()).contains("400");
    }
}
