package dev.seatflow.audit.export;

import dev.seatflow.auditlog.AuditChain;
import dev.seatflow.auditlog.AuditExporter;
import dev.seatflow.auditlog.AuditExports;
import dev.seatflow.signing.KeyAlgorithm;
import dev.seatflow.signing.KmsLicenseSigner;
import dev.seatflow.signing.LicenseSigner;
import dev.seatflow.signing.LocalKeySigner;
import dev.seatflow.signing.PublicKeyInfo;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Compliance export job: writes one tenant's audit log for a time range to a file (CSV or JSON
 * Lines), then {@code <file>.manifest.json} (row count, first and last sequence, chain hashes, the
 * file's SHA-256), {@code <file>.manifest.sig} (the manifest's signature by the platform signer)
 * and {@code <file>.manifest.pem} (the signing public key). See README: verifying an export.
 *
 * <pre>java -cp seatflow-launcher.jar -Dloader.main=dev.seatflow.audit.export.ComplianceExport \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --tenant=acme --from=2026-01-01T00:00:00Z \
 *     --to=2026-12-31T00:00:00Z --format=csv --out=acme-2026.csv [options]</pre>
 */
public final class ComplianceExport {

    private static final Logger log = LoggerFactory.getLogger(ComplianceExport.class);

    private ComplianceExport() {
    }

    public static void main(String[] args) {
        ExportCommand command = new ExportCommand();
        CommandLine cli = ExportCommand.commandLine(command);
        ExportOptions options;
        try {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested()) {
                cli.usage(cli.getOut());
                return;
            }
            options = command.options();
        } catch (CommandLine.ParameterException e) {
            cli.getErr().println(e.getMessage());
            cli.usage(cli.getErr());
            System.exit(CommandLine.ExitCode.USAGE);
            return;
        }
        run(options, Clock.systemUTC());
    }

    public static AuditExporter.Manifest run(ExportOptions options, Clock clock) {
        LicenseSigner signer = signer(options);
        AuditExporter exporter = new AuditExporter(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(options.postgresHost()).port(options.postgresPort()).database(options.postgresDatabase())
                .username(options.postgresUser()).password(options.postgresPassword()).schema(options.postgresSchema()).build()));
        AuditExporter.Manifest manifest = exporter.manifest(options.tenant(), options.from(), options.to(), options.format(), clock.instant()).block();
        Path out = options.out();
        MessageDigest sha256 = AuditChain.sha256();
        try (OutputStream file = new DigestOutputStream(Files.newOutputStream(out), sha256)) {
            // A bounded prefetch: rows flow from the database cursor to the file a few hundred at a time.
            for (String line : exporter.lines(manifest).toIterable(256)) {
                file.write(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        var signed = AuditExporter.SignedManifest.sign(manifest, Map.of(
                AuditExports.FILE, out.getFileName().toString(),
                AuditExports.CONTENT_SHA256, AuditChain.hex(sha256.digest()),
                AuditExports.KEY_ID, signer.keyId(),
                AuditExports.ALGORITHM, signer.algorithm()), signer);
        PublicKeyInfo key = signer.publicKeys().stream().filter(k -> k.keyId().equals(signer.keyId())).findFirst().orElseThrow();
        write(AuditExports.manifestFile(out), signed.json());
        write(AuditExports.signatureFile(out), signed.signature().bytes());
        write(AuditExports.publicKeyFile(out), key.pem().getBytes(StandardCharsets.US_ASCII));
        log.info("exported {} rows of tenant {} (sequences {}..{}) to {}", manifest.rowCount(), manifest.tenantId(),
                manifest.firstSequence(), manifest.lastSequence(), out.toAbsolutePath());
        return manifest;
    }

    private static LicenseSigner signer(ExportOptions options) {
        if (options.kmsKeyVersion() != null) {
            return KmsLicenseSigner.create(List.of(options.kmsKeyVersion()));
        }
        return LocalKeySigner.open(options.signingKeyDir(), KeyAlgorithm.valueOf(options.signingAlgorithm().toUpperCase(Locale.ROOT)));
    }

    private static void write(Path path, byte[] content) {
        try {
            Files.write(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    static Instant instant(String value, String name) {
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO-8601 instant like 2026-01-01T00:00:00Z, got '" + value + "'");
        }
    }
}
