package dev.seatflow.signing;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A verification key as published to clients, as PEM (SubjectPublicKeyInfo) or as a JWK. */
public record PublicKeyInfo(String keyId, String algorithm, PublicKey key) {

    /** Length of the fixed X.509 prefix before the raw 32-byte Ed25519 key (RFC 8410). */
    private static final int ED25519_SPKI_LENGTH = 44;

    public PublicKeyInfo {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
    }

    public String pem() {
        return Pem.encode("PUBLIC KEY", key.getEncoded());
    }

    /** RFC 7517 JWK (RFC 8037 OKP form for Ed25519); insertion-ordered for readable JWKS output. */
    public Map<String, Object> jwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        if (key instanceof RSAPublicKey rsa) {
            jwk.put("kty", "RSA");
            jwk.put("n", base64Url(unsigned(rsa.getModulus())));
            jwk.put("e", base64Url(unsigned(rsa.getPublicExponent())));
        } else if (key instanceof EdECPublicKey ed && "Ed25519".equals(ed.getParams().getName())) {
            byte[] spki = key.getEncoded();
            if (spki.length != ED25519_SPKI_LENGTH) {
                throw new SigningException("unexpected Ed25519 public key encoding for " + keyId);
            }
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            // The SPKI ends with the raw key, which is exactly what RFC 8037 puts in "x".
            jwk.put("x", base64Url(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
        } else {
            throw new SigningException("no JWK form for " + key.getAlgorithm() + " key " + keyId);
        }
        jwk.put("alg", algorithm);
        jwk.put("use", "sig");
        jwk.put("kid", keyId);
        return Collections.unmodifiableMap(jwk);
    }

    /** JWK integers are unsigned big-endian; BigInteger adds a sign byte when the top bit is set. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
