package dev.seatflow.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A verification key as published to clients, as PEM (SubjectPublicKeyInfo) or as a JWK. */
public record PublicKeyInfo(String keyId, String algorithm, PublicKey key) {

    /** The fixed X.509 SubjectPublicKeyInfo header before a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int ED25519_SPKI_LENGTH = ED25519_SPKI_PREFIX.length + 32;

    public PublicKeyInfo {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
    }

    /** Whether {@code signature} is this key's signature of {@code data} (RS256: SHA256withRSA; EdDSA: Ed25519). */
    public boolean verifies(byte[] data, byte[] signature) {
        try {
            java.security.Signature verifier = java.security.Signature.getInstance("EdDSA".equals(algorithm) ? "Ed25519" : "SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;   // a key of another type than its algorithm says, or a signature of the wrong shape: not this key's
        }
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

    /** The key a JWK of {@link #jwk()}'s form describes (RSA, or OKP Ed25519), as parsed from JSON into a map. */
    public static PublicKeyInfo fromJwk(Map<?, ?> jwk) {
        Base64.Decoder base64Url = Base64.getUrlDecoder();
        try {
            PublicKey key = switch (String.valueOf(jwk.get("kty"))) {
                case "RSA" -> KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, base64Url.decode((String) jwk.get("n"))), new BigInteger(1, base64Url.decode((String) jwk.get("e")))));
                case "OKP" -> {
                    if (!"Ed25519".equals(jwk.get("crv"))) {
                        throw new IllegalArgumentException("unsupported OKP curve " + jwk.get("crv"));
                    }
                    byte[] x = base64Url.decode((String) jwk.get("x"));
                    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + x.length);
                    System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
                    yield KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                }
                default -> throw new IllegalArgumentException("unsupported key type " + jwk.get("kty"));
            };
            return new PublicKeyInfo((String) jwk.get("kid"), (String) jwk.get("alg"), key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("malformed JWK: " + e.getMessage(), e);
        }
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
