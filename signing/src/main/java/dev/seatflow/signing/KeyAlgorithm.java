package dev.seatflow.signing;

/** Key types {@link LocalKeySigner} can generate; RSA is the default because every JWT library verifies RS256. */
public enum KeyAlgorithm {
    RSA_4096("RSA", "SHA256withRSA", "RS256"),
    ED25519("Ed25519", "Ed25519", "EdDSA");

    private final String keyFactoryName;
    private final String signatureName;
    private final String jwsName;

    KeyAlgorithm(String keyFactoryName, String signatureName, String jwsName) {
        this.keyFactoryName = keyFactoryName;
        this.signatureName = signatureName;
        this.jwsName = jwsName;
    }

    /** JCA name for KeyPairGenerator / KeyFactory. */
    public String keyFactoryName() {
        return keyFactoryName;
    }

    /** JCA name for java.security.Signature. */
    public String signatureName() {
        return signatureName;
    }

    /** Algorithm name as published in signatures and JWKs. */
    public String jwsName() {
        return jwsName;
    }
}
