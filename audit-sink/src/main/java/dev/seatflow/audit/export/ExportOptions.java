package dev.seatflow.audit.export;

import dev.seatflow.auditlog.AuditExporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Options of the compliance export job; Postgres settings default to the SEATFLOW_POSTGRES_* variables. */
public record ExportOptions(String tenant, Instant from, Instant to, AuditExporter.Format format, Path out,
                            String postgresHost, int postgresPort, String postgresDatabase, String postgresUser,
                            String postgresPassword, String postgresSchema, Path signingKeyDir, String signingAlgorithm,
                            String kmsKeyVersion) {

    static final String USAGE = """
            usage: ComplianceExport --tenant=ID --from=INSTANT --to=INSTANT --format=csv|jsonl --out=FILE
              [--postgres-host=H --postgres-port=N --postgres-database=D --postgres-user=U --postgres-password=P --postgres-schema=S]
              [--signing-key-dir=DIR [--signing-algorithm=RSA_4096|ED25519] | --kms-key-version=projects/.../cryptoKeyVersions/N]
            """;

    public static ExportOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String format = required(values, "format").toUpperCase(Locale.ROOT);
        if (!format.equals("CSV") && !format.equals("JSONL")) {
            throw new IllegalArgumentException("--format must be csv or jsonl");
        }
        Instant from = ComplianceExport.instant(required(values, "from"), "from");
        Instant to = ComplianceExport.instant(required(values, "to"), "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("--to must be after --from");
        }
        return new ExportOptions(required(values, "tenant"), from, to, AuditExporter.Format.valueOf(format), Path.of(required(values, "out")),
                value(values, "postgres-host", "SEATFLOW_POSTGRES_HOST", "127.0.0.1"),
                Integer.parseInt(value(values, "postgres-port", "SEATFLOW_POSTGRES_PORT", "5432")),
                value(values, "postgres-database", "SEATFLOW_POSTGRES_DATABASE", "seatflow"),
                value(values, "postgres-user", "SEATFLOW_POSTGRES_USERNAME", "postgres"),
                value(values, "postgres-password", "SEATFLOW_POSTGRES_PASSWORD", ""),
                value(values, "postgres-schema", "SEATFLOW_POSTGRES_SCHEMA", "public"),
                Path.of(value(values, "signing-key-dir", "SEATFLOW_GATEWAY_SIGNING_LOCALKEYDIR", ".seatflow-data/signing-keys")),
                value(values, "signing-algorithm", "SEATFLOW_GATEWAY_SIGNING_LOCALALGORITHM", "RSA_4096"),
                values.get("kms-key-version"));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static String value(Map<String, String> values, String name, String environment, String fallback) {
        String value = values.get(name);
        if (value == null) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
