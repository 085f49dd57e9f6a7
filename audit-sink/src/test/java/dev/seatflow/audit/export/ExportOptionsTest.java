package dev.seatflow.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.seatflow.auditlog.AuditExporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExportOptionsTest {

    private static final String[] REQUIRED = {"--tenant=acme", "--from=2026-01-01T00:00:00Z", "--to=2027-01-01T00:00:00Z",
            "--format=csv", "--out=acme.csv"};

    @Test
    void readsTheRequiredOptionsWithFormatInAnyCase() {
        ExportOptions options = ExportOptions.parse(with("--format=JsonL"));

        assertThat(options.tenant()).isEqualTo("acme");
        assertThat(options.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(options.to()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(options.format()).isEqualTo(AuditExporter.Format.JSONL);
        assertThat(options.out()).isEqualTo(Path.of("acme.csv"));
        assertThat(options.kmsKeyVersion()).isNull();
    }

    @Test
    void postgresAndSigningFallBackToTheirDefaultsWithoutVariables() {
        assumeThat(Stream.of("HOST", "PORT", "DATABASE", "USERNAME", "PASSWORD", "SCHEMA").map(name -> System.getenv("SEATFLOW_POSTGRES_" + name)))
                .containsOnlyNulls();
        assumeThat(System.getenv("SEATFLOW_GATEWAY_SIGNING_LOCALKEYDIR")).isNull();
        assumeThat(System.getenv("SEATFLOW_GATEWAY_SIGNING_LOCALALGORITHM")).isNull();

        ExportOptions options = ExportOptions.parse(REQUIRED);

        assertThat(List.of(options.postgresHost(), options.postgresDatabase(), options.postgresUser(), options.postgresPassword(),
                options.postgresSchema())).containsExactly("127.0.0.1", "seatflow", "postgres", "", "public");
        assertThat(options.postgresPort()).isEqualTo(5432);
        assertThat(options.signingKeyDir()).isEqualTo(Path.of(".seatflow-data/signing-keys"));
        assertThat(options.signingAlgorithm()).isEqualTo("RSA_4096");
    }

    @Test
    void givenOptionsWinAndBlankOnesFallBack() {
        ExportOptions options = ExportOptions.parse(with("--postgres-host=db", "--postgres-port=6432", "--postgres-schema=",
                "--signing-algorithm=ed25519", "--kms-key-version=projects/p/cryptoKeyVersions/1"));

        assertThat(options.postgresHost()).isEqualTo("db");
        assertThat(options.postgresPort()).isEqualTo(6432);
        assertThat(options.postgresSchema()).as("a blank value falls back to the default, not to the environment").isEqualTo("public");
        assertThat(options.signingAlgorithm()).isEqualTo("ed25519");
        assertThat(options.kmsKeyVersion()).isEqualTo("projects/p/cryptoKeyVersions/1");
    }

    @Test
    void refusesMissingOrWrongOptions() {
        refused("Missing required option", "--tenant=acme", "--format=csv");
        refused("--format", with("--format=xml"));
        refused("--to must be after --from", with("--to=2026-01-01T00:00:00Z"));
        refused("--from must be an ISO-8601 instant like 2026-01-01T00:00:00Z, got 'yesterday'", with("--from=yesterday"));
        refused("--tenant must not be blank", with("--tenant= "));
        refused("--postgres-port must be a number, got 'x'", with("--postgres-port=x"));
        refused("--signing-algorithm must be one of [RSA_4096, ED25519], got 'RSA_2048'", with("--signing-algorithm=RSA_2048"));
        refused("Unknown option: '--bogus=1'", with("--bogus=1"));
    }

    @Test
    void helpListsEveryOption() {
        CommandLine cli = ExportCommand.commandLine(new ExportCommand());

        assertThat(cli.parseArgs("--help").isUsageHelpRequested()).isTrue();
        assertThat(cli.getUsageMessage(CommandLine.Help.Ansi.OFF)).contains("Usage: ComplianceExport", "--tenant=ID", "--from=INSTANT",
                "--to=INSTANT", "--format=csv|jsonl", "--out=FILE", "--postgres-host=H", "--postgres-port=N", "--postgres-database=D",
                "--postgres-user=U", "--postgres-password=P", "--postgres-schema=S", "--signing-key-dir=DIR",
                "--signing-algorithm=RSA_4096|ED25519", "--kms-key-version=projects/.../cryptoKeyVersions/N", "SEATFLOW_POSTGRES_HOST");
    }

    private static String[] with(String... more) {
        return Stream.concat(Stream.of(REQUIRED), Stream.of(more)).toArray(String[]::new);
    }

    private static void refused(String message, String... args) {
        assertThatThrownBy(() -> ExportOptions.parse(args)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
