package dev.seatflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.audit.export.ComplianceExport;
import dev.seatflow.auditlog.AuditChain;
import dev.seatflow.auditlog.AuditExports;
import dev.seatflow.auditlog.AuditSchema;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@RealServices
class ComplianceExportTest {

    private static final int ROWS = 100_000;
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    @Test
    void exportsAHundredThousandRowsFromASmallHeapWithAManifestThatVerifies(TestServices services) throws Exception {
        PostgresService postgres = services.postgres();
        AuditSchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        // Rows made by the database itself: this test is about streaming them out, not about writing them.
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO audit_logs (event_id, tenant_id, sequence, user_id, actor_role, action, resource_type, resource_id, "
                    + "metadata, ip_address, user_agent, created_at, prev_hash, hash) SELECT gen_random_uuid(), 'bulk', n, 'user-' || (n % 97), "
                    + "'MEMBER', 'LICENSE_ACQUIRED', 'SESSION', gen_random_uuid()::text, jsonb_build_object('hardware_id', 'hw-' || n, "
                    + "'seats_in_use', 1, 'license_key', 'SF-BULK'), '10.0.0.1', 'SeatflowClient/1.0', "
                    + "timestamptz '" + START + "' + n * interval '1 second', sha256(int8send(n - 1)), sha256(int8send(n)) "
                    + "FROM generate_series(1, " + ROWS + ") AS n");
        }

        Path dir = Path.of(System.getProperty("seatflow.test.work-dir", "target/test-work"), services.namespace().id());
        Files.createDirectories(dir);
        Path out = dir.resolve("export.csv");
        // Its own JVM with a heap far smaller than the export (~40 MB of CSV): only streaming fits.
        Process job = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), ComplianceExport.class.getName(),
                "--tenant=bulk", "--from=" + START, "--to=" + START.plusSeconds(ROWS + 1), "--format=csv", "--out=" + out,
                "--postgres-host=" + postgres.host(), "--postgres-port=" + postgres.port(), "--postgres-database=" + postgres.database(),
                "--postgres-user=" + postgres.user(), "--postgres-password=" + postgres.password(), "--postgres-schema=" + postgres.schema(),
                "--signing-key-dir=" + dir.resolve("keys"), "--signing-algorithm=ED25519")
                .redirectErrorStream(true).redirectOutput(dir.resolve("export.log").toFile()).start();
        assertThat(job.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(job.exitValue()).as(Files.readString(dir.resolve("export.log"))).isZero();

        long lines;
        try (BufferedReader reader = Files.newBufferedReader(out)) {
            lines = reader.lines().count();
        }
        assertThat(lines).isEqualTo(ROWS + 1);
        String manifest = Files.readString(Path.of(out + ".manifest.json"));
        assertThat(manifest).contains("\"row_count\":" + ROWS, "\"first_sequence\":1", "\"last_sequence\":" + ROWS, "\"contiguous\":true",
                "\"content_sha256\":\"" + AuditChain.hex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out))) + "\"",
                "\"rows_sha256\":\"" + rowsDigest() + "\"");
        String pem = Files.readString(Path.of(out + ".manifest.pem"));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")))));
        verifier.update(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(verifier.verify(Files.readAllBytes(Path.of(out + ".manifest.sig")))).isTrue();
    }

    /** The rows' hashes as the INSERT made them (sha256 of the sequence as 8 bytes), digested in order as rows_sha256 is. */
    private static String rowsDigest() throws Exception {
        AuditExports.RowsDigest digest = new AuditExports.RowsDigest();
        for (long n = 1; n <= ROWS; n++) {
            digest.add(MessageDigest.getInstance("SHA-256").digest(java.nio.ByteBuffer.allocate(8).putLong(n).array()));
        }
        return digest.hex();
    }


}
