package dev.seatflow.auditlog;

import dev.seatflow.signing.CanonicalJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evident chain: each row's hash is SHA-256 over the previous row's hash followed by the
 * row's canonical JSON (RFC 8785). The first row of a tenant chains to 32 zero bytes. Changing,
 * removing or reordering any row changes every hash after it.
 */
public final class AuditChain {

    public static final byte[] GENESIS = new byte[32];

    private AuditChain() {
    }

    public static byte[] hash(byte[] previous, AuditRecord record) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous);
            sha256.update(CanonicalJson.canonicalBytes(record.canonical()));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
