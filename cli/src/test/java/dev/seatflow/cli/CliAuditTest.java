package dev.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.auditlog.AuditExports;
import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.GatewayPlatformExtension;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.signing.PublicKeyInfo;
import dev.seatflow.testkit.RealServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log through the CLI: entries, a signed export, and its verification offline (with the
 * CLI pointed at a port where nothing answers) before and after tampering.
 */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class CliAuditTest {

    private static final String NOWHERE = "http://127.0.0.1:1/";

    @TempDir
    Path home;

    private CliRun cli;
    private CliRun offline;
    private Path keys;

    @BeforeEach
    void tenantWithHistory(GatewayPlatform platform) {
        cli = CliRun.at(platform.baseUrl(), home).with("SEATFLOW_TOKEN", platform.token(GatewayPlatform.newTenant(), "olga", Role.OWNER));
        offline = CliRun.at(NOWHERE, home);
        for (int i = 0; i < 3; i++) {
            assertThat(cli.run("licenses", "create", "--tier", "PRO", "--expires", "2030-01-01T00:00:00Z").exit()).isZero();
        }
        Awaitility.await().atMost(30, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(cli.run("audit", "list", "--json").items()).hasSize(3));
        keys = home.resolve("keys.json");
        CliRun.Result saved = cli.run("audit", "keys", "--out", keys.toString());
        assertThat(saved.exit()).as(saved.toString()).isZero();
    }

    @Test
    void listsAuditEntriesAsATable() {
        CliRun.Result listed = cli.run("audit", "list", "--action", "license_created", "--limit", "2");

        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(listed.out().lines().findFirst().orElseThrow()).startsWith("SEQ").contains("ACTION", "USER");
        assertThat(listed.out().lines().skip(1)).hasSize(2).allSatisfy(line -> assertThat(line).contains("LICENSE_CREATED", "olga"));
        assertThat(listed.err()).as("a next page is offered").contains("--before");
    }

    @Test
    void auditExportWritesTheFileAndItsSignedManifestWithProgress() throws IOException {
        Path file = export("jsonl");

        assertThat(Files.readAllLines(file)).hasSize(3);
        String manifest = Files.readString(AuditExports.manifestFile(file));
        assertThat(manifest).contains("\"type\":\"" + AuditExports.MANIFEST_TYPE + "\"").contains("\"row_count\":3");
        assertThat(Files.size(AuditExports.signatureFile(file))).isPositive();
    }

    @Test
    void auditVerifyPassesOfflineForAnUntouchedExport() throws IOException {
        Path file = export("jsonl");

        CliRun.Result verified = offline.run("audit", "verify", file.toString(), "--keys", keys.toString());

        assertThat(verified.exit()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("manifest signed by trusted key", "3 rows re-walk the hash chain", "verifies: 3 rows");
        Map<String, Object> json = offline.run("audit", "verify", "--json", file.toString(), "--keys", keys.toString()).json();
        assertThat(json).containsEntry("valid", true).containsEntry("rows", 3);
    }

    @Test
    void auditVerifyDetectsATamperedExportOffline() throws IOException {
        Path file = export("jsonl");
        byte[] content = Files.readAllBytes(file);
        int at = new String(content, StandardCharsets.UTF_8).indexOf("\"tier\":\"PRO\"") + "\"tier\":\"".length();
        content[at] = (byte) 'X';   // one byte of one row: PRO becomes XRO
        Files.write(file, content);

        CliRun.Result verified = offline.run("audit", "verify", file.toString(), "--keys", keys.toString());

        assertThat(verified.exit()).as(verified.toString()).isEqualTo(6);
        assertThat(verified.out()).contains("FAILED").contains("does not match its hash (altered)").contains("does NOT verify");
    }

    @Test
    void auditVerifyDetectsATamperedManifestOffline() throws IOException {
        Path file = export("jsonl");
        Path manifest = AuditExports.manifestFile(file);
        Files.writeString(manifest, Files.readString(manifest).replace("\"row_count\":3", "\"row_count\":2"));

        CliRun.Result verified = offline.run("audit", "verify", file.toString(), "--keys", keys.toString());

        assertThat(verified.exit()).as(verified.toString()).isEqualTo(ExitCode.VERIFICATION_FAILED.code());
        assertThat(verified.out()).contains("signature does not verify").contains("the manifest says 2");
    }

    @Test
    void auditVerifyRefusesAManifestSignedByAKeyNotTrusted() throws IOException, NoSuchAlgorithmException {
        Path file = export("jsonl");
        String keyId = (String) JsonMapper.builder().build().readValue(Files.readString(keys), Map.class).get("active_key_id");
        PublicKeyInfo other = new PublicKeyInfo("someone-else", "EdDSA", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        Path otherKeys = home.resolve("other-keys.json");
        Files.writeString(otherKeys, JsonMapper.builder().build().writeValueAsString(Map.of("keys", List.of(other.jwk()))));

        CliRun.Result verified = offline.run("audit", "verify", file.toString(), "--keys", otherKeys.toString());

        assertThat(verified.exit()).isEqualTo(ExitCode.VERIFICATION_FAILED.code());
        assertThat(verified.out()).contains("signed with key " + keyId + ", which is not among the trusted keys [someone-else]");
    }

    @Test
    void aCsvExportFromTheApiCannotBeVerifiedOfflineAndSaysWhy() {
        Path file = export("csv");

        CliRun.Result verified = offline.run("audit", "verify", file.toString(), "--keys", keys.toString());

        assertThat(verified.exit()).isEqualTo(ExitCode.VERIFICATION_FAILED.code());
        assertThat(verified.out()).contains("manifest signed by trusted key").contains("export JSON Lines");
    }

    @Test
    void exitCodeTwoWhenTheExportToVerifyIsMissing() {
        CliRun.Result verified = offline.run("audit", "verify", home.resolve("nothing.jsonl").toString(), "--keys", keys.toString());

        assertThat(verified.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(verified.err()).contains("nothing.jsonl");
    }

    private Path export(String format) {
        Path file = home.resolve("export." + format);
        Instant now = Instant.now();
        CliRun.Result exported = cli.run("audit", "export", "--from", now.minus(1, ChronoUnit.DAYS).toString(),
                "--to", now.plus(1, ChronoUnit.HOURS).toString(), "--format", format, "--out", file.toString(), "--progress");
        assertThat(exported.exit()).as(exported.toString()).isZero();
        assertThat(exported.out()).contains("Exported 3 rows");
        assertThat(exported.err()).contains("3/3 rows 100%");
        assertThat(file).exists();
        assertThat(file.resolveSibling(file.getFileName() + ".part")).doesNotExist();
        return file;
    }
}
