package dev.seatflow.auditlog;

import dev.seatflow.signing.CanonicalJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The tamper-evident chain: each row's hash is SHA-256 over the previous row's hash followed by the
 * row's canonical JSON (RFC 8785). The first row of a tenant chains to 32 zero bytes. Changing,
 * removing or reordering any row changes every hash after it.
 */
public final class AuditChain {

    public static final byte[] GENESIS = new byte[32];

    private AuditChain() {
    }

    /**
     * @param canonicalRow the row as the chain covers it ({@code AuditRecord.canonical()}, or the
     *     {@code row} of an exported JSON line): the writer, the server's verifier and an auditor's
     *     offline re-walk all hash through here
     */
    public static byte[] hash(byte[] previous, Map<String, ?> canonicalRow) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(CanonicalJson.canonicalBytes(canonicalRow));
        return sha256.digest();
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
