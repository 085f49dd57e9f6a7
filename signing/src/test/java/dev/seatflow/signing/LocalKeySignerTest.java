package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RSA-4096 generation takes about a second here, so one RSA key is shared and only rotate() makes another. */
class LocalKeySignerTest {

    private static final byte[] PAYLOAD = CanonicalJson.canonicalBytes(
            Map.of("tenant", "acme", "seat", "s-1", "expiresAt", 1767225600L));

    @TempDir
    static Path rsaDir;
    static LocalKeySigner rsa;

    @BeforeAll
    static void openRsaDirOnce() {
        rsa = LocalKeySigner.open(rsaDir, KeyAlgorithm.RSA_4096);
    }

    @Test
    void firstOpenCreatesOneRsa4096KeyFileNamedByKeyId() throws Exception {
        assertThat(rsa.algorithm()).isEqualTo("RS256");
        assertThat(rsa.keyId()).matches("local-[0-9a-f]{16}");
        assertThat(keyFiles(rsaDir)).containsExactly(rsaDir.resolve(rsa.keyId() + ".key.pem"));
        assertThat(Files.readString(rsaDir.resolve(rsa.keyId() + ".key.pem"))).contains("-----BEGIN PRIVATE KEY-----");
        assertThat(rsa.publicKeys()).extracting(PublicKeyInfo::keyId).containsExactly(rsa.keyId());
        assertThat(((RSAPublicKey) rsa.publicKeys().get(0).key()).getModulus().bitLength()).isEqualTo(4096);
    }

    @Test
    void keyIdIsSha256PrefixOfThePublicKeyEncoding() throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(rsa.publicKeys().get(0).key().getEncoded());
        assertThat(rsa.keyId()).isEqualTo("local-" + HexFormat.of().formatHex(hash).substring(0, 16));
    }

    @Test
    void keyFileIsReadableByOwnerOnly() throws Exception {
        Path file = rsaDir.resolve(rsa.keyId() + ".key.pem");
        assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void secondOpenReloadsTheSameKey() throws Exception {
        LocalKeySigner reopened = LocalKeySigner.open(rsaDir, KeyAlgorithm.RSA_4096);

        assertThat(reopened.keyId()).isEqualTo(rsa.keyId());
        assertThat(keyFiles(rsaDir)).hasSize(1);
        Signature signature = rsa.sign(PAYLOAD);
        assertThat(verify("SHA256withRSA", reopened.publicKeys().get(0).key(), PAYLOAD, signature.bytes())).isTrue();
    }

    @Test
    void signatureVerifiesWithJdkUsingThePublishedPem() throws Exception {
        Signature signature = rsa.sign(PAYLOAD);
        PublicKey fromPem = KeyFactory.getInstance("RSA").generatePublic(pemSpec(rsa.publicKeys().get(0).pem()));

        assertThat(signature.algorithm()).isEqualTo("RS256");
        assertThat(signature.keyId()).isEqualTo(rsa.keyId());
        assertThat(signature.bytes()).hasSize(512);
        byte[] fromBase64 = Base64.getDecoder().decode(signature.base64());
        assertThat(verify("SHA256withRSA", fromPem, PAYLOAD, fromBase64)).isTrue();
    }

    @Test
    void signatureVerifiesWithJdkUsingThePublishedJwk() throws Exception {
        Map<String, Object> jwk = rsa.publicKeys().get(0).jwk();
        assertThat(jwk).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig")
                .containsEntry("kid", rsa.keyId()).containsEntry("e", "AQAB");
        assertThat((String) jwk.get("n")).doesNotContain("=", "+", "/").hasSize(683); // 512 bytes, no sign byte

        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n")));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e")));
        PublicKey fromJwk = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        assertThat(verify("SHA256withRSA", fromJwk, PAYLOAD, rsa.sign(PAYLOAD).bytes())).isTrue();
    }

    @Test
    void changingOnePayloadByteBreaksVerification() throws Exception {
        Signature signature = rsa.sign(PAYLOAD);
        byte[] tampered = PAYLOAD.clone();
        tampered[5] ^= 1;

        assertThat(verify("SHA256withRSA", rsa.publicKeys().get(0).key(), tampered, signature.bytes())).isFalse();
    }

    @Test
    void ed25519KeyIsCreatedReloadedAndVerifiesFromPemAndJwk(@TempDir Path dir) throws Exception {
        LocalKeySigner ed = LocalKeySigner.open(dir, KeyAlgorithm.ED25519);
        Signature signature = ed.sign(PAYLOAD);
        LocalKeySigner reopened = LocalKeySigner.open(dir, KeyAlgorithm.ED25519);

        assertThat(signature.algorithm()).isEqualTo("EdDSA");
        assertThat(reopened.keyId()).isEqualTo(ed.keyId()).isEqualTo(signature.keyId());
        PublicKeyInfo info = reopened.publicKeys().get(0);
        PublicKey fromPem = KeyFactory.getInstance("Ed25519").generatePublic(pemSpec(info.pem()));
        assertThat(verify("Ed25519", fromPem, PAYLOAD, signature.bytes())).isTrue();

        Map<String, Object> jwk = info.jwk();
        assertThat(jwk).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519").containsEntry("alg", "EdDSA")
                .containsEntry("use", "sig").containsEntry("kid", ed.keyId());
        byte[] x = Base64.getUrlDecoder().decode((String) jwk.get("x"));
        assertThat(x).hasSize(32);
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(x));
        PublicKey fromJwk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        assertThat(verify("Ed25519", fromJwk, PAYLOAD, signature.bytes())).isTrue();

        byte[] tampered = PAYLOAD.clone();
        tampered[0] ^= 1;
        assertThat(verify("Ed25519", fromPem, tampered, signature.bytes())).isFalse();
    }

    @Test
    void rotateSignsWithTheNewKeyAndKeepsTheOldOneListedSecond(@TempDir Path dir) throws Exception {
        copyKeys(rsaDir, dir);
        LocalKeySigner signer = LocalKeySigner.open(dir, KeyAlgorithm.RSA_4096);
        String oldKeyId = signer.keyId();

        assertThat(signer.rotate()).isSameAs(signer);

        assertThat(oldKeyId).isEqualTo(rsa.keyId());
        assertThat(signer.keyId()).isNotEqualTo(oldKeyId);
        assertThat(signer.publicKeys()).extracting(PublicKeyInfo::keyId).containsExactly(signer.keyId(), oldKeyId);
        Signature signature = signer.sign(PAYLOAD);
        assertThat(signature.keyId()).isEqualTo(signer.keyId());
        assertThat(verify("SHA256withRSA", signer.publicKeys().get(0).key(), PAYLOAD, signature.bytes())).isTrue();
        assertThat(verify("SHA256withRSA", signer.publicKeys().get(1).key(), PAYLOAD, signature.bytes())).isFalse();

        LocalKeySigner restarted = LocalKeySigner.open(dir, KeyAlgorithm.RSA_4096);
        assertThat(restarted.publicKeys()).extracting(PublicKeyInfo::keyId).containsExactly(signer.keyId(), oldKeyId);
    }

    @Test
    void switchingAlgorithmAddsAKeyAndStillPublishesTheOldOne(@TempDir Path dir) throws Exception {
        copyKeys(rsaDir, dir);

        LocalKeySigner ed = LocalKeySigner.open(dir, KeyAlgorithm.ED25519);

        assertThat(ed.algorithm()).isEqualTo("EdDSA");
        assertThat(ed.publicKeys()).extracting(PublicKeyInfo::keyId).containsExactly(ed.keyId(), rsa.keyId());
        assertThat(ed.publicKeys()).extracting(PublicKeyInfo::algorithm).containsExactly("EdDSA", "RS256");
        assertThat(LocalKeySigner.open(dir, KeyAlgorithm.RSA_4096).keyId()).isEqualTo(rsa.keyId());
    }

    @Test
    void keyFileNotNamedAfterItsKeyIdIsRejected(@TempDir Path dir) throws Exception {
        Files.copy(rsaDir.resolve(rsa.keyId() + ".key.pem"), dir.resolve("local-0000000000000000.key.pem"));

        assertThatThrownBy(() -> LocalKeySigner.open(dir, KeyAlgorithm.RSA_4096))
                .isInstanceOf(SigningException.class).hasMessageContaining(rsa.keyId());
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature) throws Exception {
        java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static X509EncodedKeySpec pemSpec(String pem) {
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        String[] lines = pem.split("\n");
        for (int i = 1; i < lines.length - 2; i++) {
            assertThat(lines[i]).hasSize(64);
        }
        String body = String.join("", List.of(lines).subList(1, lines.length - 1));
        return new X509EncodedKeySpec(Base64.getDecoder().decode(body));
    }

    private static List<Path> keyFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".key.pem")).toList();
        }
    }

    private static void copyKeys(Path from, Path to) throws Exception {
        for (Path file : keyFiles(from)) {
            Files.copy(file, to.resolve(file.getFileName()));
        }
        Files.copy(from.resolve("active"), to.resolve("active"));
    }
}
