package dev.seatflow.cli.audit;

import dev.seatflow.auditlog.ExportVerification;
import dev.seatflow.auditlog.ExportVerifier;
import dev.seatflow.cli.ExitCode;
import dev.seatflow.signing.PublicKeyInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an export with no server (what an auditor needs): {@link ExportVerifier} checks the
 * manifest's signature against keys the auditor trusts, the content, and the hash chain.
 */
@Command(name = "verify", sortOptions = false,
        description = {"Verify an export offline: manifest signature against trusted keys, content hash, chain re-walk.",
                "Reads FILE, FILE.manifest.json and FILE.manifest.sig (as 'audit export' and the compliance job write them)."})
final class AuditVerifyCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParentCommand
    private AuditCommand audit;

    @Parameters(paramLabel = "FILE", description = "The export (JSON Lines, or CSV with content_sha256 in its manifest).")
    private Path file;

    @Option(names = "--keys", required = true, paramLabel = "KEYS.json",
            description = {"Trusted keys: GET /api/v1/licenses/public-key as saved by 'audit keys --out', or a JWKS.",
                    "Not the .manifest.pem next to the export: whoever could change the export could change that too."})
    private Path keys;

    @Override
    public Integer call() {
        ExportVerification result = ExportVerifier.verify(file, trustedKeys(keys));
        StringBuilder human = new StringBuilder();
        result.checks().forEach(check -> human.append("ok      ").append(check).append(System.lineSeparator()));
        result.problems().forEach(problem -> human.append("FAILED  ").append(problem).append(System.lineSeparator()));
        human.append(result.valid()
                ? file + " verifies: " + result.rows() + " rows of tenant " + result.tenantId() + ", as signed"
                : file + " does NOT verify (" + result.problems().size() + " problems)");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", file.toString());
        answer.put("valid", result.valid());
        answer.put("tenant_id", result.tenantId());
        answer.put("format", result.format());
        answer.put("rows", result.rows());
        answer.put("checks", result.checks());
        answer.put("problems", result.problems());
        audit.cli.output().answer(answer, human.toString());
        return result.valid() ? ExitCode.OK.code() : ExitCode.VERIFICATION_FAILED.code();
    }

    /** The keys of a saved public-key answer ({@code jwks}) or of a bare JWKS ({@code keys} of JWKs). */
    @SuppressWarnings("unchecked")
    static List<PublicKeyInfo> trustedKeys(Path file) {
        Map<String, Object> document;
        try {
            document = JSON.readValue(Files.readAllBytes(file), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keys " + file, e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the keys " + file + " are not JSON");
        }
        Object jwks = document.containsKey("jwks") ? document.get("jwks") : document;
        if (!(jwks instanceof Map<?, ?> set) || !(set.get("keys") instanceof List<?> list)) {
            throw new IllegalArgumentException(file + " holds no JWKS (save the keys with 'seatflow audit keys --out FILE')");
        }
        return list.stream().map(jwk -> PublicKeyInfo.fromJwk((Map<?, ?>) jwk)).toList();
    }
}
