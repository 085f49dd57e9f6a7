package dev.seatflow.audit.export;

import dev.seatflow.auditlog.AuditExporter;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine;

/**
 * Options of the compliance export job, as {@link ExportCommand} declares them; Postgres and signing
 * settings default to the SEATFLOW_POSTGRES_* and SEATFLOW_GATEWAY_SIGNING_* variables.
 */
public record ExportOptions(String tenant, Instant from, Instant to, AuditExporter.Format format, Path out,
                            String postgresHost, int postgresPort, String postgresDatabase, String postgresUser,
                            String postgresPassword, String postgresSchema, Path signingKeyDir, String signingAlgorithm,
                            String kmsKeyVersion) {

    /**
     * Parses the job's command line (see {@code ComplianceExport --help}).
     *
     * @throws IllegalArgumentException naming the option that is missing or wrong
     */
    public static ExportOptions parse(String... args) {
        ExportCommand command = new ExportCommand();
        try {
            ExportCommand.commandLine(command).parseArgs(args);
            return command.options();
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
