package dev.seatflow.auditlog;

import dev.seatflow.signing.CanonicalJson;
import dev.seatflow.signing.PublicKeyInfo;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an audit export offline, with no server, as an auditor must: the manifest
 * ({@code <file>.manifest.json}) is signed by a trusted key ({@code <file>.manifest.sig}); the file
 * is the one it describes (its {@code content_sha256} when the manifest has one, as the compliance
 * job's do); and a JSON Lines export's rows re-walk the hash chain from the manifest's
 * {@code first_prev_hash} to its {@code chain_head_hash}, each line byte for byte in canonical form,
 * and their hashes digest to the manifest's {@code rows_sha256} (required when the export is not
 * contiguous: across a sequence gap the chain alone does not pin the rows down).
 * The file is streamed (constant memory, whatever its size).
 */
public final class ExportVerifier {

    private static final int MAX_PROBLEMS = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, PublicKeyInfo> keys;
    private final List<String> checks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private ExportVerifier(Collection<PublicKeyInfo> keys) {
        this.keys = keys.stream().collect(Collectors.toMap(PublicKeyInfo::keyId, key -> key, (a, b) -> a));
    }

    /** Verifies {@code export} with the manifest and signature files next to it. */
    public static ExportVerification verify(Path export, Collection<PublicKeyInfo> trusted) {
        return verify(export, read(AuditExports.manifestFile(export)), read(AuditExports.signatureFile(export)), trusted);
    }

    public static ExportVerification verify(Path export, byte[] manifestJson, byte[] signature, Collection<PublicKeyInfo> trusted) {
        return new ExportVerifier(trusted).run(export, manifestJson, signature);
    }

    @SuppressWarnings("unchecked")
    private ExportVerification run(Path export, byte[] manifestJson, byte[] signature) {
        Map<String, Object> manifest;
        try {
            manifest = JSON.readValue(manifestJson, Map.class);
        } catch (JacksonException e) {
            problem("the manifest is not JSON");
            return result(Map.of(), 0);
        }
        checkSignature(manifest, manifestJson, signature);
        String contentHash = (String) manifest.get(AuditExports.CONTENT_SHA256);
        if (contentHash != null) {
            checkContentHash(export, contentHash);
        }
        long rows = 0;
        if ("jsonl".equals(manifest.get(AuditExports.FORMAT))) {
            rows = rewalk(export, manifest);
        } else if (contentHash == null) {
            problem("a " + manifest.get(AuditExports.FORMAT) + " export without content_sha256 in its manifest cannot be verified offline:"
                    + " export JSON Lines, whose rows re-walk the hash chain");
        }
        return result(manifest, rows);
    }

    private void checkSignature(Map<String, Object> manifest, byte[] manifestJson, byte[] signature) {
        if (!AuditExports.MANIFEST_TYPE.equals(manifest.get(AuditExports.TYPE))) {
            problem("the manifest's type is " + manifest.get(AuditExports.TYPE) + ", not " + AuditExports.MANIFEST_TYPE);
        }
        PublicKeyInfo key = keys.get(String.valueOf(manifest.get(AuditExports.KEY_ID)));
        if (key == null) {
            problem("the manifest is signed with key " + manifest.get(AuditExports.KEY_ID) + ", which is not among the trusted keys " + keys.keySet());
        } else if (!key.algorithm().equals(manifest.get(AuditExports.ALGORITHM))) {
            problem("key " + key.keyId() + " is " + key.algorithm() + ", the manifest says " + manifest.get(AuditExports.ALGORITHM));
        } else if (!key.verifies(manifestJson, signature)) {
            problem("the manifest's signature does not verify with key " + key.keyId() + " (manifest or signature changed)");
        } else {
            checks.add("manifest signed by trusted key " + key.keyId() + " (" + key.algorithm() + ")");
        }
    }

    private void checkContentHash(Path export, String expected) {
        MessageDigest sha256 = AuditChain.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(export), sha256)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + export, e);
        }
        String actual = AuditChain.hex(sha256.digest());
        if (actual.equalsIgnoreCase(expected)) {
            checks.add("content SHA-256 matches the manifest");
        } else {
            problem("the file's SHA-256 is " + actual + ", the manifest says " + expected + " (content changed)");
        }
    }

    /**
     * Walks the lines in file order; returns how many rows there were. Every row must match its
     * hash. A contiguous export's rows each link to the one before (the first to
     * {@code first_prev_hash}), so the chain alone pins them down. Across a sequence gap a row
     * links to a row that is not in the file, so nothing in the chain would notice a row before the
     * gap rewritten with its hash recomputed: there the manifest's {@code rows_sha256} (the rows'
     * hashes, digested in order) must match, and without one the export cannot be verified.
     */
    @SuppressWarnings("unchecked")
    private long rewalk(Path export, Map<String, Object> manifest) {
        String tenant = (String) manifest.get(AuditExports.TENANT_ID);
        boolean contiguous = Boolean.TRUE.equals(manifest.get(AuditExports.CONTIGUOUS));
        String rowsDigestExpected = manifest.get(AuditExports.ROWS_SHA256) instanceof String text ? text : null;
        if (!contiguous && rowsDigestExpected == null) {
            problem("not verifiable: the export is not contiguous (its sequences have gaps, so a row does not always link to the one"
                    + " before it) and its manifest has no " + AuditExports.ROWS_SHA256 + " committing to the rows exported;"
                    + " a row before a gap could be rewritten unnoticed. Export it again from a server that signs "
                    + AuditExports.ROWS_SHA256);
        }
        AuditExports.RowsDigest rowsDigest = new AuditExports.RowsDigest();
        byte[] previous = hex(manifest.get(AuditExports.FIRST_PREV_HASH));
        long firstSequence = number(manifest.get(AuditExports.FIRST_SEQUENCE));
        long lastAllowed = number(manifest.get(AuditExports.LAST_SEQUENCE));
        long expectedSequence = firstSequence;
        long rows = 0;
        long lastSequence = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(export))) {
            for (byte[] line = nextLine(in); line != null; line = nextLine(in)) {
                rows++;
                Map<String, Object> parsed;
                try {
                    parsed = JSON.readValue(line, Map.class);
                } catch (JacksonException e) {
                    problem("line " + rows + " is not JSON (changed)");
                    previous = null;
                    rowsDigest.add(line);   // whatever it was, the digest can no longer match
                    continue;
                }
                if (!Arrays.equals(CanonicalJson.canonicalBytes(parsed), line)) {
                    problem("line " + rows + " is not the canonical JSON the export wrote (changed)");
                }
                Map<String, Object> row = parsed.get("row") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
                long sequence = number(row.get("sequence"));
                byte[] prevHash = hex(parsed.get("prev_hash"));
                byte[] hash = hex(parsed.get("hash"));
                rowsDigest.add(hash != null ? hash : line);
                if (!Objects.equals(tenant, row.get(AuditExports.TENANT_ID))) {
                    problem("line " + rows + " is a row of tenant " + row.get(AuditExports.TENANT_ID) + ", not " + tenant);
                }
                boolean first = rows == 1;
                if (contiguous || first) {
                    if (sequence != expectedSequence) {
                        problem("line " + rows + " has sequence " + sequence + ", expected " + expectedSequence + " (rows missing or reordered)");
                    }
                } else if (sequence <= lastSequence || sequence > lastAllowed) {
                    problem("line " + rows + " has sequence " + sequence + ", after " + lastSequence + " and up to " + lastAllowed
                            + " expected (rows reordered or added)");
                }
                // The first row links to first_prev_hash; any other to the row before it when nothing lies between them.
                boolean linked = contiguous || first || sequence == lastSequence + 1;
                if (linked && (previous == null || !Arrays.equals(prevHash, previous))) {
                    problem("line " + rows + " (sequence " + sequence + ") does not link to " + (first ? "the manifest's first_prev_hash" : "the row before it"));
                }
                if (prevHash == null || hash == null || !Arrays.equals(AuditChain.hash(prevHash, row), hash)) {
                    problem("line " + rows + " (sequence " + sequence + "): the row does not match its hash (altered)");
                }
                previous = hash;
                lastSequence = sequence;
                expectedSequence = sequence + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + export, e);
        }
        long expectedRows = number(manifest.get(AuditExports.ROW_COUNT));
        if (rows != expectedRows) {
            problem("the file has " + rows + " rows, the manifest says " + expectedRows + " (rows added or removed)");
        }
        if (rows > 0 && lastSequence != lastAllowed) {
            problem("the last row has sequence " + lastSequence + ", the manifest says " + manifest.get(AuditExports.LAST_SEQUENCE));
        }
        byte[] head = hex(manifest.get(AuditExports.CHAIN_HEAD_HASH));
        boolean chainHolds = previous != null && Arrays.equals(previous, head);
        if (!chainHolds) {
            problem("the rows do not end at the manifest's chain head " + manifest.get(AuditExports.CHAIN_HEAD_HASH));
        }
        if (rowsDigestExpected != null) {
            String actual = rowsDigest.hex();
            if (actual.equalsIgnoreCase(rowsDigestExpected)) {
                checks.add("the rows' hashes match the manifest's " + AuditExports.ROWS_SHA256 + " (exactly the rows exported)");
            } else {
                problem("the rows' hashes digest to " + actual + ", the manifest's " + AuditExports.ROWS_SHA256 + " is "
                        + rowsDigestExpected + " (rows changed, added or removed)");
            }
        }
        if (chainHolds && problems.isEmpty()) {
            checks.add(rows + " rows re-walk the hash chain to the manifest's chain head"
                    + (contiguous ? "" : " (across sequence gaps, linked where consecutive)"));
        }
        return rows;
    }

    /** The next line's bytes without its newline; null at the end. A last line without a newline is still a line. */
    private static byte[] nextLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return b == -1 && line.size() == 0 ? null : line.toByteArray();
    }

    private ExportVerification result(Map<String, Object> manifest, long rows) {
        return new ExportVerification((String) manifest.get(AuditExports.TENANT_ID), (String) manifest.get(AuditExports.FORMAT), rows, checks, problems);
    }

    private void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    private static byte[] hex(Object value) {
        try {
            return value instanceof String text ? HEX.parseHex(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (an export's manifest and signature lie next to it)", e);
        }
    }
}
