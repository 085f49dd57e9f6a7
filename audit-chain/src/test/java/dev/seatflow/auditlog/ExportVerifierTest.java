package dev.seatflow.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.signing.CanonicalJson;
import dev.seatflow.signing.PublicKeyInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline verification of a JSON Lines export built here, row by row, as the exporter writes one. */
class ExportVerifierTest {

    @TempDir
    Path dir;

    private KeyPair keys;
    private List<PublicKeyInfo> trusted;
    private final List<String> lines = new ArrayList<>();
    private byte[] head;

    @BeforeEach
    void chainOfThree() throws GeneralSecurityException {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        trusted = List.of(new PublicKeyInfo("k1", "EdDSA", keys.getPublic()));
        byte[] previous = new byte[32];
        previous[0] = 7;   // an export from the middle of a tenant's chain
        head = previous;
        for (long sequence = 5; sequence <= 7; sequence++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tenant_id", "acme");
            row.put("sequence", sequence);
            row.put("action", "LICENSE_CREATED");
            row.put("metadata", Map.of("tier", "PRO", "seats", 3));
            byte[] hash = AuditChain.hash(head, row);
            lines.add(AuditExports.jsonLine(row, head, hash));
            head = hash;
        }
        lines.add(0, AuditChain.hex(previous));   // kept aside: the first prev hash, removed again in write()
    }

    @Test
    void anIntactSignedExportVerifies() throws Exception {
        ExportVerification result = ExportVerifier.verify(write(lines, 3), trusted);

        assertThat(result.problems()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.checks()).hasSize(2);
    }

    @Test
    void reorderedRowsAreFound() throws Exception {
        List<String> swapped = new ArrayList<>(lines);
        swapped.set(1, lines.get(2));
        swapped.set(2, lines.get(1));

        ExportVerification result = ExportVerifier.verify(write(swapped, 3), trusted);

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anyMatch(problem -> problem.contains("expected 5 (rows missing or reordered)"));
    }

    @Test
    void aRowRemovedAtTheEndIsFound() throws Exception {
        ExportVerification result = ExportVerifier.verify(write(lines.subList(0, 3), 3), trusted);

        assertThat(result.problems()).contains("the file has 2 rows, the manifest says 3 (rows added or removed)")
                .anyMatch(problem -> problem.startsWith("the rows do not end at the manifest's chain head"));
    }

    @Test
    void whitespaceAddedToALineIsAChange() throws Exception {
        List<String> spaced = new ArrayList<>(lines);
        spaced.set(2, lines.get(2).replace("{\"hash\"", "{ \"hash\""));

        ExportVerification result = ExportVerifier.verify(write(spaced, 3), trusted);

        assertThat(result.problems()).containsExactly("line 2 is not the canonical JSON the export wrote (changed)");
    }

    @Test
    void aNonContiguousExportWithItsRowsDigestVerifies() throws Exception {
        Gapped export = gapped();

        ExportVerification result = ExportVerifier.verify(write(export.lines(), export.manifest(export.rowsSha256())), trusted);

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.checks()).anyMatch(check -> check.contains("rows_sha256"));
    }

    @Test
    void aRowRewrittenBeforeASequenceGapWithItsHashRecomputedIsFound() throws Exception {
        Gapped export = gapped();
        List<String> tampered = new ArrayList<>(export.lines());
        // Sequence 6 (before the gap where 7 was left out) says something else; its hash is recomputed,
        // so it still matches its row and links to sequence 5, and sequence 8 never linked to it anyway.
        Map<String, Object> forged = row(6, "LICENSE_REVOKED");
        byte[] prev = java.util.HexFormat.of().parseHex(export.hashes().get(5L));
        tampered.set(2, AuditExports.jsonLine(forged, prev, AuditChain.hash(prev, forged)));

        ExportVerification result = ExportVerifier.verify(write(tampered, export.manifest(export.rowsSha256())), trusted);

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).singleElement().asString()
                .contains("manifest's rows_sha256", "(rows changed, added or removed)");
    }

    @Test
    void aNonContiguousExportWithoutARowsDigestIsNotVerifiable() throws Exception {
        Gapped export = gapped();

        ExportVerification result = ExportVerifier.verify(write(export.lines(), export.manifest(null)), trusted);

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anyMatch(problem -> problem.startsWith("not verifiable: the export is not contiguous"));
    }

    @Test
    void aContiguousExportsRowsDigestIsCheckedToo() throws Exception {
        AuditExports.RowsDigest digest = new AuditExports.RowsDigest();
        digest.add(new byte[32]);   // not the rows' hashes
        Map<String, Object> manifest = manifest(lines.get(0), 3, 5, 7, true, AuditChain.hex(head));
        manifest.put(AuditExports.ROWS_SHA256, digest.hex());

        ExportVerification result = ExportVerifier.verify(write(lines, manifest), trusted);

        assertThat(result.problems()).singleElement().asString().contains("rows_sha256");
    }

    /**
     * Sequences 5 to 8 of a chain exported without 7 (it lies outside the export's time range):
     * 8 links to 7, which is not in the file.
     */
    private Gapped gapped() {
        byte[] first = new byte[32];
        first[0] = 9;
        byte[] previous = first;
        List<String> content = new ArrayList<>();
        content.add(AuditChain.hex(first));
        Map<Long, String> hashes = new LinkedHashMap<>();
        AuditExports.RowsDigest digest = new AuditExports.RowsDigest();
        for (long sequence = 5; sequence <= 8; sequence++) {
            Map<String, Object> row = row(sequence, "LICENSE_CREATED");
            byte[] hash = AuditChain.hash(previous, row);
            hashes.put(sequence, AuditChain.hex(hash));
            if (sequence != 7) {
                content.add(AuditExports.jsonLine(row, previous, hash));
                digest.add(hash);
            }
            previous = hash;
        }
        return new Gapped(content, hashes, digest.hex());
    }

    private record Gapped(List<String> lines, Map<Long, String> hashes, String rowsSha256) {

        Map<String, Object> manifest(String rowsDigest) {
            Map<String, Object> manifest = ExportVerifierTest.manifest(lines.get(0), 3, 5, 8, false, hashes.get(8L));
            if (rowsDigest != null) {
                manifest.put(AuditExports.ROWS_SHA256, rowsDigest);
            }
            return manifest;
        }
    }

    private static Map<String, Object> row(long sequence, String action) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tenant_id", "acme");
        row.put("sequence", sequence);
        row.put("action", action);
        row.put("metadata", Map.of("tier", "PRO", "seats", 3));
        return row;
    }

    private static Map<String, Object> manifest(String firstPrevHash, long rowCount, long firstSequence, long lastSequence,
                                                boolean contiguous, String chainHead) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("type", AuditExports.MANIFEST_TYPE);
        manifest.put("tenant_id", "acme");
        manifest.put("format", "jsonl");
        manifest.put("row_count", rowCount);
        manifest.put("first_sequence", firstSequence);
        manifest.put("last_sequence", lastSequence);
        manifest.put("contiguous", contiguous);
        manifest.put("first_prev_hash", firstPrevHash);
        manifest.put("chain_head_hash", chainHead);
        manifest.put("key_id", "k1");
        manifest.put("algorithm", "EdDSA");
        return manifest;
    }

    /** Writes the export and its signed manifest; {@code content.get(0)} is the first prev hash. */
    private Path write(List<String> content, long rowCount) throws Exception {
        return write(content, manifest(content.get(0), rowCount, 5, 7, true, AuditChain.hex(head)));
    }

    private Path write(List<String> content, Map<String, Object> manifest) throws Exception {
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, String.join("", content.subList(1, content.size())), StandardCharsets.UTF_8);
        byte[] json = CanonicalJson.canonicalBytes(manifest);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(json);
        Files.write(AuditExports.manifestFile(file), json);
        Files.write(AuditExports.signatureFile(file), signer.sign());
        return file;
    }
}
