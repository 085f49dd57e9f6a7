package dev.seatflow.signing;

import java.util.List;

/** Signs license payloads and audit manifests (canonical JSON bytes) with the active key. */
public interface LicenseSigner {

    /** Signs {@code data} with the active key; throws {@link SigningException} on any failure. */
    Signature sign(byte[] data);

    /** JWS name of the active key's algorithm: "RS256" or "EdDSA". */
    String algorithm();

    /** Id of the active key, as carried in signatures and the JWKS. */
    String keyId();

    /** Active key first, then older keys still published so signatures made before a rotation verify. */
    List<PublicKeyInfo> publicKeys();

    /** One line for startup logs and health output. */
    default String describe() {
        return getClass().getSimpleName() + "[" + algorithm() + ", " + keyId() + "]";
    }
}
