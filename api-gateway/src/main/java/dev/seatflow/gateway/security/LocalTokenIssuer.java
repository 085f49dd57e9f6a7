package dev.seatflow.gateway.security;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.signing.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A development stand-in for Firebase Auth: mints RS256 ID tokens shaped like Firebase's (issuer
 * {@code https://securetoken.google.com/<project>}, audience the project, custom claims) with a
 * local key, and publishes that key's certificate the way Google publishes its own, so that
 * firebase-admin's real {@code verifyIdToken} checks them. Never enabled in production settings.
 */
public final class LocalTokenIssuer {

    private static final Logger log = LoggerFactory.getLogger(LocalTokenIssuer.class);
    private static final String KEY_FILE = "issuer.key.pem";
    private static final String CERT_FILE = "issuer.cert.pem";

    private final String projectId;
    private final PrivateKey key;
    private final String certificatePem;
    private final String keyId;

    private LocalTokenIssuer(String projectId, PrivateKey key, String certificatePem) {
        this.projectId = projectId;
        this.key = key;
        this.certificatePem = certificatePem;
        this.keyId = Integer.toHexString(certificatePem.hashCode());
    }

    /** Loads the issuer key from {@code dir}, creating it (RSA-2048 and a self-signed certificate) on first use. */
    public static LocalTokenIssuer open(Path dir, String projectId) {
        try {
            Path keyFile = dir.resolve(KEY_FILE);
            Path certFile = dir.resolve(CERT_FILE);
            if (!Files.exists(keyFile) || !Files.exists(certFile)) {
                create(dir, keyFile, certFile);
            }
            byte[] der = pemBody(Files.readString(keyFile));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new LocalTokenIssuer(projectId, key, Files.readString(certFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the local token issuer key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the local token issuer key in " + dir, e);
        }
    }

    /** Mints an ID token for a user of a tenant with a role, valid for {@code ttl} from {@code issuedAt}. */
    public String mint(String tenantId, String userId, Role role, Instant issuedAt, Duration ttl) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("kid", keyId);
        header.put("typ", "JWT");
        long iat = issuedAt.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://securetoken.google.com/" + projectId);
        claims.put("aud", projectId);
        claims.put("auth_time", iat);
        claims.put("user_id", userId);
        claims.put("sub", userId);
        claims.put("iat", iat);
        claims.put("exp", iat + ttl.toSeconds());
        claims.put("tenant_id", tenantId);
        claims.put("role", role.name().toLowerCase(Locale.ROOT));
        claims.put("firebase", Map.of("identities", Map.of(), "sign_in_provider", "custom"));
        String signingInput = base64Url(CanonicalJson.canonicalBytes(header)) + "." + base64Url(CanonicalJson.canonicalBytes(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
    }

    /** The certificate map firebase-admin downloads: key id to PEM certificate. */
    public Map<String, String> certificateMap() {
        return Map.of(keyId, certificatePem);
    }

    private static void create(Path dir, Path keyFile, Path certFile) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=seatflow-local-token-issuer");
        Instant now = Instant.now();
        try {
            var holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            Files.writeString(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        log.warn("created a LOCAL token issuer key in {}: development only, never use it in production", dir.toAbsolutePath());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
