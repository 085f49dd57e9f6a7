package dev.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.cli.login.Credentials;
import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.GatewayPlatformExtension;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Logging in, where the token is kept, and what the exit code says when it is missing or refused. */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class CliLoginTest {

    @TempDir
    Path home;

    private GatewayPlatform platform;
    private CliRun cli;
    private String tenant;

    @BeforeEach
    void platform(GatewayPlatform platform) {
        this.platform = platform;
        tenant = GatewayPlatform.newTenant();
        cli = CliRun.at(platform.baseUrl(), home);
    }

    @Test
    void devLoginStoresTheTokenInAFileOnlyTheUserCanReadAndLaterCommandsUseIt() throws IOException {
        CliRun.Result login = cli.run("login", "--dev", "--tenant", tenant, "--role", "owner");

        assertThat(login.exit()).as(login.toString()).isZero();
        Path stored = home.resolve("config").resolve("seatflow").resolve(Credentials.FILE);
        assertThat(login.out()).contains(stored.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.getParent()))).isEqualTo("rwx------");

        CliRun.Result tenantShown = cli.run("tenant", "show", "--json");
        assertThat(tenantShown.exit()).as(tenantShown.toString()).isZero();
        assertThat(tenantShown.json()).containsEntry("tenant_id", tenant);
    }

    @Test
    void aGivenTokenIsReadFromStandardInputAndTheEnvironmentTokenWins() {
        String token = platform.token(tenant, "olga", Role.OWNER);
        assertThat(cli.runWithInput(token + "\n", "login").exit()).isZero();
        assertThat(cli.run("seats").exit()).isZero();

        CliRun.Result refused = cli.with("SEATFLOW_TOKEN", "not-a-token").run("seats");
        assertThat(refused.exit()).as("the environment's token is used before the stored one").isEqualTo(ExitCode.AUTH.code());
    }

    @Test
    void exitCodeFourWhenTheTokenIsRefused() {
        CliRun.Result refused = cli.with("SEATFLOW_TOKEN", "forged.token.value").run("licenses", "list");

        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err()).contains("401").contains("seatflow login");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void exitCodeFourWhenNotLoggedInAndForARoleTooLow() {
        CliRun.Result notLoggedIn = cli.run("licenses", "list");
        assertThat(notLoggedIn.exit()).isEqualTo(ExitCode.AUTH.code());
        assertThat(notLoggedIn.err()).contains("not_logged_in");

        CliRun.Result member = cli.with("SEATFLOW_TOKEN", platform.token(tenant, "max", Role.MEMBER)).run("audit", "list");
        assertThat(member.exit()).as(member.toString()).isEqualTo(ExitCode.AUTH.code());
        assertThat(member.err()).contains("403");
    }

    @Test
    void exitCodeOneForABadCommandLineAndFiveWhenNoGatewayAnswers() {
        CliRun.Result unknown = cli.run("licenses", "create", "--tier");
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unknown.err()).contains("--tier");

        CliRun.Result unreachable = cli.with("SEATFLOW_TOKEN", "any").run("--url", "http://127.0.0.1:1/", "seats");
        assertThat(unreachable.exit()).isEqualTo(ExitCode.UNAVAILABLE.code());
        assertThat(unreachable.err()).contains("no answer from http://127.0.0.1:1/");
    }
}
