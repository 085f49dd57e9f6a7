package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import dev.seatflow.testkit.kms.FakeKms;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the real KeyManagementServiceClient against an in-process gRPC fake of Cloud KMS. The fake uses the JDK's
 * CRC32C, not Guava's, so the checksum checks are independent on both sides.
 */
class KmsLicenseSignerTest {

    private static final String KEY = "projects/seatflow/locations/global/keyRings/licenses/cryptoKeys/license-signing";
    private static final String V1 = KEY + "/cryptoKeyVersions/1";
    private static final String V2 = KEY + "/cryptoKeyVersions/2";
    private static final byte[] PAYLOAD = CanonicalJson.canonicalBytes(Map.of("tenant", "acme", "seat", "s-1"));

    private static KeyPair rsa4096;
    private static KeyPair rsa2048;

    private FakeKms kms;
    private Server server;
    private ManagedChannel channel;
    private KeyManagementServiceClient client;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(4096);
        rsa4096 = generator.generateKeyPair();
        generator.initialize(2048);
        rsa2048 = generator.generateKeyPair();
    }

    @BeforeEach
    void startFakeKms() throws Exception {
        String name = InProcessServerBuilder.generateName();
        kms = new FakeKms();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(kms.definition()).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().usePlaintext().build();
        client = KeyManagementServiceClient.create(KeyManagementServiceSettings.newBuilder()
                .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
    }

    @AfterEach
    void stopFakeKms() throws Exception {
        client.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void signatureVerifiesWithJdkUsingThePublishedPublicKey() throws Exception {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        KmsLicenseSigner signer = new KmsLicenseSigner(client, List.of(V1));

        Signature signature = signer.sign(PAYLOAD);

        assertThat(signature.algorithm()).isEqualTo("RS256");
        assertThat(signature.keyId()).isEqualTo(V1);
        PublicKey published = signer.publicKeys().get(0).key();
        assertThat(published).isEqualTo(rsa4096.getPublic());
        assertThat(verify("SHA256withRSA", published, PAYLOAD, signature.bytes())).isTrue();
    }

    @Test
    void aThousandConcurrentLicensesCostAtMostAHundredAsymmetricSignCalls() throws Exception {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        KmsLicenseSigner signer = new KmsLicenseSigner(client, List.of(V1));
        // The first AsymmetricSign is held until every license is queued, whatever the scheduling.
        GatedSigner gated = new GatedSigner(signer);
        ExecutorService callers = Executors.newFixedThreadPool(32);
        try (LicenseBatchSigner batches = new LicenseBatchSigner(gated, new LicenseBatchSigner.Settings(256, 2),
                java.time.Clock.systemUTC(), size -> { })) {
            List<CompletableFuture<SignedLicense>> licenses = new ArrayList<>();
            licenses.add(batches.sign(Map.of("type", "lease", "session_id", "s-0")));
            gated.awaitFirstSignature();
            for (int i = 1; i < 1000; i++) {
                Map<String, Object> payload = Map.of("type", "lease", "session_id", "s-" + i);
                licenses.add(CompletableFuture.supplyAsync(() -> batches.sign(payload), callers).thenCompose(f -> f));
            }
            callers.shutdown();
            callers.awaitTermination(30, TimeUnit.SECONDS);
            gated.open();
            LicenseVerifier verifier = LicenseVerifier.withKeys(signer.publicKeys());
            for (CompletableFuture<SignedLicense> license : licenses) {
                verifier.verify(license.join(), java.time.Instant.now());
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(kms.signRequests()).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void requestCarriesTheDigestAndTheCrc32cTheFakeVerified() throws Exception {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);

        new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD);

        assertThat(kms.signRequests()).hasSize(1);
        AsymmetricSignRequest request = kms.signRequests().get(0);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(PAYLOAD);
        assertThat(request.getName()).isEqualTo(V1);
        assertThat(request.getDigest().getSha256().toByteArray()).isEqualTo(digest);
        assertThat(request.hasDigestCrc32C()).isTrue();
        assertThat(request.getDigestCrc32C().getValue()).isEqualTo(FakeKms.crc32c(digest));
        assertThat(request.getData().isEmpty()).isTrue();
    }

    @Test
    void keyIdIsTheFullVersionNameWithoutCallingKms() {
        KmsLicenseSigner signer = new KmsLicenseSigner(client, List.of(V1, V2));

        assertThat(signer.keyId()).isEqualTo(V1);
        assertThat(signer.describe()).contains(V1);
        assertThat(kms.publicKeyRequests()).isEmpty();
    }

    @Test
    void otherVersionsArePublishedAfterTheSigningOneAndFetchedOnce() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.add(V2, rsa2048, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_2048_SHA256);
        KmsLicenseSigner signer = new KmsLicenseSigner(client, List.of(V1, V2));

        List<PublicKeyInfo> keys = signer.publicKeys();
        signer.sign(PAYLOAD);
        signer.publicKeys();

        assertThat(keys).extracting(PublicKeyInfo::keyId).containsExactly(V1, V2);
        assertThat(keys).extracting(PublicKeyInfo::algorithm).containsExactly("RS256", "RS256");
        assertThat(keys.get(1).key()).isEqualTo(rsa2048.getPublic());
        assertThat(keys.get(1).jwk()).containsEntry("kid", V2);
        assertThat(kms.publicKeyRequests()).containsExactly(V1, V2);
        assertThat(kms.signRequests()).extracting(AsymmetricSignRequest::getName).containsExactly(V1);
    }

    @Test
    void unconfirmedDigestCrc32cIsRejected() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.confirmInputCrc(false);

        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("integrity check failed").hasMessageContaining("digest");
    }

    @Test
    void wrongSignatureCrc32cIsRejected() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.corruptSignatureCrc(true);

        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("integrity check failed").hasMessageContaining("signature CRC32C");
    }

    @Test
    void responseForAnotherVersionIsRejected() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.answerAsName(V2);

        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD))
                .isInstanceOf(SigningException.class).hasMessageContaining("integrity check failed");
    }

    @Test
    void publicKeyPemWithWrongCrc32cIsRejected() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.corruptPemCrc(true);
        KmsLicenseSigner signer = new KmsLicenseSigner(client, List.of(V1));

        assertThatThrownBy(signer::publicKeys)
                .isInstanceOf(SigningException.class).hasMessageContaining("PEM CRC32C");
        assertThatThrownBy(() -> signer.sign(PAYLOAD)).isInstanceOf(SigningException.class);
        assertThat(kms.signRequests()).isEmpty();
    }

    @Test
    void unsupportedKmsAlgorithmIsRejected() {
        kms.add(V1, rsa2048, CryptoKeyVersionAlgorithm.RSA_SIGN_PSS_2048_SHA256);

        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1)).publicKeys())
                .isInstanceOf(SigningException.class).hasMessageContaining("unsupported");
    }

    @Test
    void kmsErrorsBecomeSigningExceptions() {
        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD))
                .isInstanceOf(SigningException.class).hasMessageContaining("GetPublicKey failed");
    }

    @Test
    void ed25519VersionSignsTheDataItselfInPureMode() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        kms.add(V1, ed, CryptoKeyVersionAlgorithm.EC_SIGN_ED25519);
        KmsLicenseSigner signer = new KmsLicenseSigner(client, List.of(V1));

        Signature signature = signer.sign(PAYLOAD);

        assertThat(signature.algorithm()).isEqualTo("EdDSA");
        assertThat(verify("Ed25519", signer.publicKeys().get(0).key(), PAYLOAD, signature.bytes())).isTrue();
        AsymmetricSignRequest request = kms.signRequests().get(0);
        assertThat(request.hasDigest()).isFalse();
        assertThat(request.getData().toByteArray()).isEqualTo(PAYLOAD);
        assertThat(request.getDataCrc32C().getValue()).isEqualTo(FakeKms.crc32c(PAYLOAD));
    }

    @Test
    void malformedVersionNamesAreRejectedUpFront() {
        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(KEY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(KEY);
        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1, V1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature) throws Exception {
        java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

}
