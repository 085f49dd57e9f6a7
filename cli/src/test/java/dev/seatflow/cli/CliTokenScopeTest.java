package dev.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.cli.login.Credentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a token may go: only to the gateway it was stored for, and never over plain http off this machine. */
class CliTokenScopeTest {

    @TempDir
    Path home;

    private StubGateway loggedIn;
    private StubGateway other;

    @BeforeEach
    void gateways() throws Exception {
        loggedIn = new StubGateway(Map.of("/api/v1/seats", StubGateway.Answer.json("{\"seats_in_use\":1,\"max_seats\":5}")));
        other = new StubGateway(Map.of("/api/v1/seats", StubGateway.Answer.json("{\"seats_in_use\":0,\"max_seats\":0}")));
    }

    @AfterEach
    void stop() {
        loggedIn.close();
        other.close();
    }

    private Path configDir() {
        return home.resolve("config").resolve("seatflow");
    }

    @Test
    void theStoredTokenGoesToTheGatewayItWasStoredForWithOrWithoutTrailingSlash() {
        new Credentials(loggedIn.url(), "stored-token").save(configDir());

        CliRun.Result seats = CliRun.at(loggedIn.url() + "/", home).run("seats", "--json");

        assertThat(seats.exit()).as(seats.toString()).isZero();
        assertThat(loggedIn.seen()).extracting(StubGateway.Seen::authorization).containsExactly("Bearer stored-token");
    }

    @Test
    void theStoredTokenIsNotSentToAnotherUrlGivenByOption() {
        new Credentials(loggedIn.url() + "/", "stored-token").save(configDir());

        CliRun.Result seats = CliRun.at(loggedIn.url() + "/", home).run("--url", other.url() + "/", "seats");

        assertThat(seats.exit()).as(seats.toString()).isEqualTo(ExitCode.AUTH.code());
        assertThat(seats.err()).contains("the stored token is for " + loggedIn.url() + "/", "seatflow login", "SEATFLOW_TOKEN");
        assertThat(other.seen()).isEmpty();
        assertThat(loggedIn.seen()).isEmpty();
    }

    @Test
    void theStoredTokenIsNotSentToAStraySeatflowUrl() {
        new Credentials(loggedIn.url() + "/", "stored-token").save(configDir());

        CliRun.Result seats = CliRun.at(other.url() + "/", home).run("seats");

        assertThat(seats.exit()).as(seats.toString()).isEqualTo(ExitCode.AUTH.code());
        assertThat(other.seen()).isEmpty();
    }

    @Test
    void theEnvironmentTokenIsSentToWhicheverGatewayIsNamed() {
        new Credentials(loggedIn.url() + "/", "stored-token").save(configDir());

        CliRun.Result seats = CliRun.at(other.url() + "/", home).with("SEATFLOW_TOKEN", "env-token").run("seats", "--json");

        assertThat(seats.exit()).as(seats.toString()).isZero();
        assertThat(other.seen()).extracting(StubGateway.Seen::authorization).containsExactly("Bearer env-token");
    }

    @Test
    void noTokenCrossesTheNetworkOverPlainHttp() {
        CliRun.Result fromEnvironment = CliRun.at("http://seatflow.example.com/", home).with("SEATFLOW_TOKEN", "env-token").run("seats");

        assertThat(fromEnvironment.exit()).as(fromEnvironment.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(fromEnvironment.err()).contains("refusing to send a token to http://seatflow.example.com/", "https://");

        new Credentials("http://seatflow.example.com/", "stored-token").save(configDir());
        CliRun.Result stored = CliRun.at("http://seatflow.example.com/", home).run("seats");
        assertThat(stored.exit()).as(stored.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(stored.err()).contains("refusing to send a token");
    }

    @Test
    void plainHttpIsAllowedOnlyToLoopbackAddresses() {
        assertThat(SeatflowCli.isLoopback(URI.create("http://127.0.0.1:8080/"))).isTrue();
        assertThat(SeatflowCli.isLoopback(URI.create("http://127.10.20.30/"))).isTrue();
        assertThat(SeatflowCli.isLoopback(URI.create("http://localhost:8080/"))).isTrue();
        assertThat(SeatflowCli.isLoopback(URI.create("http://LOCALHOST/"))).isTrue();
        assertThat(SeatflowCli.isLoopback(URI.create("http://[::1]:8080/"))).isTrue();

        assertThat(SeatflowCli.isLoopback(URI.create("http://10.0.0.1/"))).isFalse();
        assertThat(SeatflowCli.isLoopback(URI.create("http://128.0.0.1/"))).isFalse();
        assertThat(SeatflowCli.isLoopback(URI.create("http://127.0.0.1.example.com/"))).isFalse();
        assertThat(SeatflowCli.isLoopback(URI.create("http://localhost.example.com/"))).isFalse();
        assertThat(SeatflowCli.isLoopback(URI.create("http://[2001:db8::1]/"))).isFalse();
    }

    @Test
    void keysFetchedOverPlainHttpFromAnotherMachineCarryAWarning() {
        CliRun.Result keys = CliRun.at("http://seatflow.invalid:1/", home).run("audit", "keys");

        assertThat(keys.err()).contains("warning: these keys come over plain http", "cannot be trusted");
    }

    @Test
    void twoLoginsAtOnceEachStoreACompleteFile() {
        CompletableFuture<?>[] logins = new CompletableFuture<?>[8];
        for (int i = 0; i < logins.length; i++) {
            String token = "token-" + i;
            logins[i] = CompletableFuture.runAsync(() -> new Credentials(loggedIn.url(), token).save(configDir()));
        }

        CompletableFuture.allOf(logins).join();

        assertThat(Credentials.load(configDir()).token()).startsWith("token-");
        assertThat(configDir()).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aCredentialsFileReadableByOthersIsWarnedAbout() throws Exception {
        Path file = new Credentials(loggedIn.url(), "stored-token").save(configDir());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        CliRun.Result seats = CliRun.at(loggedIn.url(), home).run("seats", "--json");

        assertThat(seats.exit()).as(seats.toString()).isZero();
        assertThat(seats.err()).contains("is readable by others than you", "chmod 600");
    }
}
