package dev.seatflow.audit.export;

import dev.seatflow.auditlog.AuditExporter;
import dev.seatflow.signing.KeyAlgorithm;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The export job's command line; {@link #options()} turns what picocli parsed into {@link ExportOptions}. */
@Command(name = "ComplianceExport", sortOptions = false, sortSynopsis = false, showDefaultValues = true, usageHelpAutoWidth = true,
        description = "Writes one tenant's audit log for a time range to a file, with a signed manifest next to it.")
final class ExportCommand {

    // A variable (or option) set to "" counts as absent, as it always did here; picocli's
    // ${env:NAME:-fallback} would pass the "" on, so options() applies these fallbacks once more.
    private static final String HOST = "127.0.0.1";
    private static final String PORT = "5432";
    private static final String DATABASE = "seatflow";
    private static final String USER = "postgres";
    private static final String SCHEMA = "public";
    private static final String KEY_DIR = ".seatflow-data/signing-keys";
    private static final String ALGORITHM = "RSA_4096";

    @Spec
    private CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "Tenant whose audit log to export.")
    private String tenant;

    @Option(names = "--from", paramLabel = "INSTANT", required = true, description = "Start, e.g. 2026-01-01T00:00:00Z.")
    private String from;

    @Option(names = "--to", paramLabel = "INSTANT", required = true, description = "End, after --from.")
    private String to;

    @Option(names = "--format", paramLabel = "csv|jsonl", required = true, description = "File format.")
    private AuditExporter.Format format;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Export file; the signed manifest and the public key are written next to it (FILE.manifest.*).")
    private Path out;

    @Option(names = "--postgres-host", paramLabel = "H", defaultValue = "${env:SEATFLOW_POSTGRES_HOST:-" + HOST + "}",
            description = "Postgres host (env SEATFLOW_POSTGRES_HOST).")
    private String postgresHost;

    @Option(names = "--postgres-port", paramLabel = "N", defaultValue = "${env:SEATFLOW_POSTGRES_PORT:-" + PORT + "}",
            description = "Postgres port (env SEATFLOW_POSTGRES_PORT).")
    private String postgresPort;

    @Option(names = "--postgres-database", paramLabel = "D", defaultValue = "${env:SEATFLOW_POSTGRES_DATABASE:-" + DATABASE + "}",
            description = "Postgres database (env SEATFLOW_POSTGRES_DATABASE).")
    private String postgresDatabase;

    @Option(names = "--postgres-user", paramLabel = "U", defaultValue = "${env:SEATFLOW_POSTGRES_USERNAME:-" + USER + "}",
            description = "Postgres user (env SEATFLOW_POSTGRES_USERNAME).")
    private String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "P", defaultValue = "${env:SEATFLOW_POSTGRES_PASSWORD:-}",
            showDefaultValue = Visibility.NEVER, description = "Postgres password (env SEATFLOW_POSTGRES_PASSWORD; default: none).")
    private String postgresPassword;

    @Option(names = "--postgres-schema", paramLabel = "S", defaultValue = "${env:SEATFLOW_POSTGRES_SCHEMA:-" + SCHEMA + "}",
            description = "Postgres schema (env SEATFLOW_POSTGRES_SCHEMA).")
    private String postgresSchema;

    @Option(names = "--signing-key-dir", paramLabel = "DIR",
            defaultValue = "${env:SEATFLOW_GATEWAY_SIGNING_LOCALKEYDIR:-" + KEY_DIR + "}",
            description = "Local signing keys, as the gateway keeps them (env SEATFLOW_GATEWAY_SIGNING_LOCALKEYDIR).")
    private String signingKeyDir;

    @Option(names = "--signing-algorithm", paramLabel = "RSA_4096|ED25519",
            defaultValue = "${env:SEATFLOW_GATEWAY_SIGNING_LOCALALGORITHM:-" + ALGORITHM + "}",
            description = "Algorithm of the local signing keys (env SEATFLOW_GATEWAY_SIGNING_LOCALALGORITHM).")
    private String signingAlgorithm;

    @Option(names = "--kms-key-version", paramLabel = "projects/.../cryptoKeyVersions/N",
            description = "Sign with this Cloud KMS key version instead of the local keys.")
    private String kmsKeyVersion;

    /** Picocli with the job's conventions: --format=csv as well as CSV; a repeated option's last value wins. */
    static CommandLine commandLine(ExportCommand command) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).setOverwrittenOptionsAllowed(true);
    }

    /** The parsed options, checked beyond what their types ensure. */
    ExportOptions options() {
        check(!tenant.isBlank(), "--tenant must not be blank");
        check(!out.toString().isBlank(), "--out must not be blank");
        Instant start = instant(from, "from");
        Instant end = instant(to, "to");
        check(end.isAfter(start), "--to must be after --from");
        String algorithm = orElse(signingAlgorithm, ALGORITHM);
        check(kmsKeyVersion != null || Arrays.stream(KeyAlgorithm.values()).anyMatch(known -> known.name().equalsIgnoreCase(algorithm)),
                "--signing-algorithm must be one of " + Arrays.toString(KeyAlgorithm.values()) + ", got '" + algorithm + "'");
        return new ExportOptions(tenant, start, end, format, out,
                orElse(postgresHost, HOST), port(), orElse(postgresDatabase, DATABASE), orElse(postgresUser, USER),
                postgresPassword, orElse(postgresSchema, SCHEMA), Path.of(orElse(signingKeyDir, KEY_DIR)),
                algorithm, kmsKeyVersion);
    }

    private Instant instant(String value, String name) {
        try {
            return ComplianceExport.instant(value, name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private int port() {
        String value = orElse(postgresPort, PORT);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--postgres-port must be a number, got '" + value + "'", e);
        }
    }

    private void check(boolean condition, String problem) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    private static String orElse(String value, String fallback) {
        return value.isBlank() ? fallback : value;
    }
}
