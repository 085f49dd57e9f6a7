package dev.seatflow.signing;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A detached signature plus what a verifier needs to pick the key: the JWS algorithm name ("RS256", "EdDSA")
 * and the key id published in the JWKS.
 */
public record Signature(byte[] bytes, String algorithm, String keyId) {

    public Signature {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        bytes = bytes.clone(); // records expose arrays; copy so a signature cannot change after the fact
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Standard Base64 with padding, as stored in the license. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    // The generated record members compare arrays by identity; signatures are values.
    @Override
    public boolean equals(Object o) {
        return o instanceof Signature other
                && Arrays.equals(bytes, other.bytes)
                && algorithm.equals(other.algorithm)
                && keyId.equals(other.keyId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), algorithm, keyId);
    }

    @Override
    public String toString() {
        return "Signature[" + algorithm + ", " + keyId + ", " + bytes.length + " bytes]";
    }
}
