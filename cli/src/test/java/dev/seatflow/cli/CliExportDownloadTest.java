package dev.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.auditlog.AuditExports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How 'audit export' ends when the answer or the local disk lets it down (against a stub gateway). */
class CliExportDownloadTest {

    private static final String MANIFEST = "{\"key_id\":\"k1\",\"row_count\":2,\"tenant_id\":\"acme\"}";

    @TempDir
    Path home;

    private static StubGateway gatewayAnswering(String body) throws Exception {
        return new StubGateway(Map.of("/api/v1/audit-logs/export", new StubGateway.Answer(200, Map.of(
                "Content-Type", "application/x-ndjson",
                AuditExports.MANIFEST_HEADER, Base64.getEncoder().encodeToString(MANIFEST.getBytes(StandardCharsets.UTF_8)),
                AuditExports.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}),
                AuditExports.KEY_ID_HEADER, "k1"), body)));
    }

    private CliRun.Result export(StubGateway gateway, Path out) {
        return CliRun.at(gateway.url(), home).with("SEATFLOW_TOKEN", "t")
                .run("audit", "export", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z", "--out", out.toString());
    }

    @Test
    void aCompleteDownloadLandsWithItsManifestAndSignatureBesideIt() throws Exception {
        Path out = home.resolve("export.jsonl");
        try (StubGateway gateway = gatewayAnswering("{\"a\":1}\n{\"a\":2}\n")) {
            CliRun.Result exported = export(gateway, out);

            assertThat(exported.exit()).as(exported.toString()).isZero();
        }
        assertThat(out).hasContent("{\"a\":1}\n{\"a\":2}");
        assertThat(AuditExports.manifestFile(out)).hasContent(MANIFEST);
        assertThat(AuditExports.signatureFile(out)).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(out.resolveSibling("export.jsonl.part")).doesNotExist();
    }

    @Test
    void aBodyWithFewerRowsThanTheManifestIsKeptAsPartAndNotMovedIntoPlace() throws Exception {
        Path out = home.resolve("export.jsonl");
        try (StubGateway gateway = gatewayAnswering("{\"a\":1}\n")) {
            CliRun.Result exported = export(gateway, out);

            assertThat(exported.exit()).as(exported.toString()).isEqualTo(ExitCode.UNAVAILABLE.code());
            assertThat(exported.err()).contains("the download has 1 rows, its signed manifest says 2", "export.jsonl.part");
        }
        assertThat(out).doesNotExist();
        assertThat(AuditExports.manifestFile(out)).doesNotExist();
        assertThat(out.resolveSibling("export.jsonl.part")).hasContent("{\"a\":1}");
    }

    @Test
    void aBodyWithMoreRowsThanTheManifestFailsAsUnverified() throws Exception {
        Path out = home.resolve("export.jsonl");
        try (StubGateway gateway = gatewayAnswering("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n")) {
            CliRun.Result exported = export(gateway, out);

            assertThat(exported.exit()).as(exported.toString()).isEqualTo(ExitCode.VERIFICATION_FAILED.code());
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputDirectoryThatDoesNotExistIsALocalErrorNotABrokenDownload() throws Exception {
        Path out = home.resolve("no-such-dir").resolve("export.jsonl");
        try (StubGateway gateway = gatewayAnswering("{\"a\":1}\n{\"a\":2}\n")) {
            CliRun.Result exported = export(gateway, out);

            assertThat(exported.exit()).as(exported.toString()).isEqualTo(ExitCode.LOCAL_ERROR.code());
            assertThat(exported.err()).contains("cannot write").doesNotContain("broke off");
        }
        assertThat(Files.exists(home.resolve("no-such-dir"))).isFalse();
    }
}
