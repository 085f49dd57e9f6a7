package dev.seatflow.signing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A signed license as clients receive it (the API's {@code signed_license}); a record of plain
 * values so that any JSON library writes and reads it.
 *
 * <p>Version 2, batch signed (the default): the license is leaf {@code leafIndex} of a Merkle tree
 * of {@code treeSize} licenses signed together ({@link MerkleTree}). The leaf's data is the RFC 8785
 * canonical JSON of {@code {"payload": payload, "salt": salt}}; the random salt keeps the audit path
 * from revealing anything about the batch's other licenses. {@code auditPath} (hex, leaf level
 * first) leads from the leaf to the root, and {@code statement} (see {@link #statement}), which names
 * the root, is what the signature covers. A batch of one has an empty path.
 *
 * <p>Version 1, one signature per license ({@code seatflow.gateway.signing.batching=off}): the
 * signature covers the payload's canonical JSON itself; salt, index, size, path and statement are null.
 */
public record SignedLicense(int version, Map<String, Object> payload, String salt, Long leafIndex, Long treeSize,
                            List<String> auditPath, Map<String, Object> statement, String signature, String algorithm,
                            String keyId) {

    public static final int SINGLE = 1;
    public static final int BATCH = 2;
    /** The statement type of a license batch; no other signature the platform makes carries it. */
    public static final String BATCH_STATEMENT_TYPE = "seatflow.license-batch.v1";

    public SignedLicense {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload)); // keeps the readable field order
        auditPath = auditPath == null ? null : List.copyOf(auditPath);
        statement = statement == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(statement));
    }

    /** Version 1: {@code signature} covers the payload's canonical JSON. */
    public static SignedLicense single(Map<String, Object> payload, Signature signature) {
        return new SignedLicense(SINGLE, payload, null, null, null, null, null, signature.base64(), signature.algorithm(),
                signature.keyId());
    }

    static SignedLicense inBatch(Map<String, Object> payload, String salt, int leafIndex, int treeSize, List<String> auditPath,
                                 Map<String, Object> statement, Signature signature) {
        return new SignedLicense(BATCH, payload, salt, (long) leafIndex, (long) treeSize, auditPath, statement,
                signature.base64(), signature.algorithm(), signature.keyId());
    }

    /** What a batch signature covers: its purpose, the tree it vouches for, and who signed it when. */
    static Map<String, Object> statement(String rootHex, int treeSize, String keyId, String algorithm, String signedAt) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("type", BATCH_STATEMENT_TYPE);
        statement.put("root", rootHex);
        statement.put("tree_size", treeSize);
        statement.put("key_id", keyId);
        statement.put("algorithm", algorithm);
        statement.put("signed_at", signedAt);
        return statement;
    }

    /** The bytes a version 2 license's leaf hashes. */
    public static byte[] leafData(Map<String, Object> payload, String salt) {
        return CanonicalJson.canonicalBytes(Map.of("payload", payload, "salt", salt));
    }

    /**
     * A license as parsed from JSON by any library (objects as maps, arrays as lists), with the
     * API's snake_case names; a document without {@code version} is version 1.
     *
     * @throws LicenseVerificationException when a field is missing or has the wrong type
     */
    public static SignedLicense fromJson(Map<String, ?> json) {
        try {
            int version = json.get("version") == null ? SINGLE : ((Number) json.get("version")).intValue();
            return new SignedLicense(version, map(json.get("payload")), (String) json.get("salt"),
                    number(json.get("leaf_index")), number(json.get("tree_size")), strings(json.get("audit_path")),
                    json.get("statement") == null ? null : map(json.get("statement")),
                    (String) json.get("signature"), (String) json.get("algorithm"), (String) json.get("key_id"));
        } catch (ClassCastException | NullPointerException e) {
            throw new LicenseVerificationException("malformed signed license: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) Objects.requireNonNull(value, "an object is missing");
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static List<String> strings(Object value) {
        return value == null ? null : ((List<?>) value).stream().map(String.class::cast).toList();
    }
}
