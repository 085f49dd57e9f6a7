package dev.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI says about itself, without a server. */
class CliHelpTest {

    @TempDir
    Path home;

    @Test
    void helpListsTheCommandsAndEveryExitCode() {
        CliRun.Result help = CliRun.at("http://127.0.0.1:1/", home).run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("login", "licenses", "sessions", "seats", "tenant", "audit", "SEATFLOW_TOKEN");
        String words = help.out().replaceAll("\\s+", " ");   // help wraps long lines at the terminal's width
        assertThat(words).contains("Environment: SEATFLOW_URL").contains("Exit codes: 0 done");
        for (ExitCode code : ExitCode.values()) {
            assertThat(words).contains(code.code() + " " + code.meaning());
        }
    }

    @Test
    void aCommandGroupWithoutItsSubcommandIsAUsageError() {
        CliRun.Result bare = CliRun.at("http://127.0.0.1:1/", home).run("licenses");

        assertThat(bare.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(bare.err()).contains("Missing required subcommand");
    }
}
