package dev.seatflow.auditlog;

import dev.seatflow.signing.CanonicalJson;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an audit export looks like to whoever verifies it: the manifest's statement type, the
 * gateway's manifest headers, the files written next to an export, and the JSON line of a row.
 * The exporter, the gateway, the compliance job and the admin CLI all take these from here.
 */
public final class AuditExports {

    /** The manifest's statement type; licenses carry types of their own, so a manifest signature never passes for one. */
    public static final String MANIFEST_TYPE = "seatflow.audit-manifest.v1";

    /** Response headers of {@code GET /api/v1/audit-logs/export}: base64 canonical manifest, base64 signature, key id. */
    public static final String MANIFEST_HEADER = "Seatflow-Manifest";
    public static final String SIGNATURE_HEADER = "Seatflow-Manifest-Signature";
    public static final String KEY_ID_HEADER = "Seatflow-Manifest-Key-Id";

    /*
     * The signed manifest's fields: the exporter writes them (AuditExporter.Manifest), the gateway
     * and the compliance job add theirs, and ExportVerifier reads them, all by these names.
     */
    public static final String TYPE = "type";
    public static final String TENANT_ID = "tenant_id";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String FORMAT = "format";
    public static final String ROW_COUNT = "row_count";
    public static final String FIRST_SEQUENCE = "first_sequence";
    public static final String LAST_SEQUENCE = "last_sequence";
    /** Whether the exported sequences have no gaps, so that every row links to the one before it. */
    public static final String CONTIGUOUS = "contiguous";
    public static final String FIRST_PREV_HASH = "first_prev_hash";
    public static final String CHAIN_HEAD_HASH = "chain_head_hash";
    /**
     * SHA-256 over the exported rows' hashes (32 bytes each), concatenated in sequence order: what
     * commits the manifest to exactly the rows exported, also across sequence gaps, where a row
     * does not link to the exported row before it. See {@link RowsDigest}.
     */
    public static final String ROWS_SHA256 = "rows_sha256";
    public static final String GENERATED_AT = "generated_at";
    /** The compliance job's: the file's name and the SHA-256 of its bytes (the gateway streams, and cannot know it before). */
    public static final String FILE = "file";
    public static final String CONTENT_SHA256 = "content_sha256";
    public static final String KEY_ID = "key_id";
    public static final String ALGORITHM = "algorithm";

    private AuditExports() {
    }

    /**
     * The {@link #ROWS_SHA256} digest: fed each exported row's hash in sequence order, by the
     * exporter before it signs and by the verifier as it reads the file.
     */
    public static final class RowsDigest {

        private final MessageDigest sha256 = AuditChain.sha256();

        public RowsDigest add(byte[] rowHash) {
            sha256.update(rowHash);
            return this;
        }

        /** The digest as lowercase hex; the digest is spent after this. */
        public String hex() {
            return AuditChain.hex(sha256.digest());
        }
    }

    /** The signed manifest's canonical JSON, next to the export: {@code <file>.manifest.json}. */
    public static Path manifestFile(Path export) {
        return sibling(export, ".manifest.json");
    }

    /** The manifest's raw signature bytes: {@code <file>.manifest.sig}. */
    public static Path signatureFile(Path export) {
        return sibling(export, ".manifest.sig");
    }

    /** The signing public key as PEM, for openssl (trust it only after comparing it with the published keys). */
    public static Path publicKeyFile(Path export) {
        return sibling(export, ".manifest.pem");
    }

    /** A JSON Lines export's line: the canonical row the chain hashes, plus its prev_hash and hash. */
    public static String jsonLine(Map<String, Object> canonicalRow, byte[] prevHash, byte[] hash) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("row", canonicalRow);
        line.put("prev_hash", AuditChain.hex(prevHash));
        line.put("hash", AuditChain.hex(hash));
        return CanonicalJson.canonicalize(line) + "\n";
    }

    private static Path sibling(Path export, String suffix) {
        return export.resolveSibling(export.getFileName() + suffix);
    }
}
