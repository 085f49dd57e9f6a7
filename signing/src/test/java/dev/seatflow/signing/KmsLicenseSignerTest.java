package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.GetPublicKeyRequest;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.cloud.kms.v1.ProtectionLevel;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
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
        assertThat(kms.signRequests).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void requestCarriesTheDigestAndTheCrc32cTheFakeVerified() throws Exception {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);

        new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD);

        assertThat(kms.signRequests).hasSize(1);
        AsymmetricSignRequest request = kms.signRequests.get(0);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(PAYLOAD);
        assertThat(request.getName()).isEqualTo(V1);
        assertThat(request.getDigest().getSha256().toByteArray()).isEqualTo(digest);
        assertThat(request.hasDigestCrc32C()).isTrue();
        assertThat(request.getDigestCrc32C().getValue()).isEqualTo(crc32c(digest));
        assertThat(request.getData().isEmpty()).isTrue();
    }

    @Test
    void keyIdIsTheFullVersionNameWithoutCallingKms() {
        KmsLicenseSigner signer = new KmsLicenseSigner(client, List.of(V1, V2));

        assertThat(signer.keyId()).isEqualTo(V1);
        assertThat(signer.describe()).contains(V1);
        assertThat(kms.publicKeyRequests).isEmpty();
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
        assertThat(kms.publicKeyRequests).containsExactly(V1, V2);
        assertThat(kms.signRequests).extracting(AsymmetricSignRequest::getName).containsExactly(V1);
    }

    @Test
    void unconfirmedDigestCrc32cIsRejected() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.confirmInputCrc = false;

        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("integrity check failed").hasMessageContaining("digest");
    }

    @Test
    void wrongSignatureCrc32cIsRejected() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.corruptSignatureCrc = true;

        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("integrity check failed").hasMessageContaining("signature CRC32C");
    }

    @Test
    void responseForAnotherVersionIsRejected() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.answerAsName = V2;

        assertThatThrownBy(() -> new KmsLicenseSigner(client, List.of(V1)).sign(PAYLOAD))
                .isInstanceOf(SigningException.class).hasMessageContaining("integrity check failed");
    }

    @Test
    void publicKeyPemWithWrongCrc32cIsRejected() {
        kms.add(V1, rsa4096, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        kms.corruptPemCrc = true;
        KmsLicenseSigner signer = new KmsLicenseSigner(client, List.of(V1));

        assertThatThrownBy(signer::publicKeys)
                .isInstanceOf(SigningException.class).hasMessageContaining("PEM CRC32C");
        assertThatThrownBy(() -> signer.sign(PAYLOAD)).isInstanceOf(SigningException.class);
        assertThat(kms.signRequests).isEmpty();
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
        AsymmetricSignRequest request = kms.signRequests.get(0);
        assertThat(request.hasDigest()).isFalse();
        assertThat(request.getData().toByteArray()).isEqualTo(PAYLOAD);
        assertThat(request.getDataCrc32C().getValue()).isEqualTo(crc32c(PAYLOAD));
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

    private static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Just enough of google.cloud.kms.v1.KeyManagementService, wired by hand (no generated gRPC stubs here). */
    private static final class FakeKms {

        private static final String SERVICE = "google.cloud.kms.v1.KeyManagementService";
        /** DER DigestInfo header for SHA-256 (RFC 8017 section 9.2): PKCS#1 v1.5 signs this plus the digest. */
        private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

        private record Version(KeyPair pair, CryptoKeyVersionAlgorithm algorithm) {
        }

        final Map<String, Version> versions = new ConcurrentHashMap<>();
        final List<AsymmetricSignRequest> signRequests = new CopyOnWriteArrayList<>();
        final List<String> publicKeyRequests = new CopyOnWriteArrayList<>();
        volatile boolean confirmInputCrc = true;
        volatile boolean corruptSignatureCrc;
        volatile boolean corruptPemCrc;
        volatile String answerAsName;

        void add(String name, KeyPair pair, CryptoKeyVersionAlgorithm algorithm) {
            versions.put(name, new Version(pair, algorithm));
        }

        ServerServiceDefinition definition() {
            return ServerServiceDefinition.builder(SERVICE)
                    .addMethod(method("AsymmetricSign", AsymmetricSignRequest.getDefaultInstance(),
                            AsymmetricSignResponse.getDefaultInstance()), ServerCalls.asyncUnaryCall(this::asymmetricSign))
                    .addMethod(method("GetPublicKey", GetPublicKeyRequest.getDefaultInstance(),
                            com.google.cloud.kms.v1.PublicKey.getDefaultInstance()), ServerCalls.asyncUnaryCall(this::getPublicKey))
                    .build();
        }

        private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(String name, Q request, R response) {
            return MethodDescriptor.<Q, R>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                    .setRequestMarshaller(ProtoUtils.marshaller(request))
                    .setResponseMarshaller(ProtoUtils.marshaller(response))
                    .build();
        }

        private void asymmetricSign(AsymmetricSignRequest request, StreamObserver<AsymmetricSignResponse> response) {
            signRequests.add(request);
            Version version = versions.get(request.getName());
            if (version == null) {
                response.onError(Status.NOT_FOUND.withDescription(request.getName()).asRuntimeException());
                return;
            }
            boolean pure = version.algorithm() == CryptoKeyVersionAlgorithm.EC_SIGN_ED25519;
            byte[] input = (pure ? request.getData() : request.getDigest().getSha256()).toByteArray();
            Int64Value inputCrc = pure ? request.getDataCrc32C() : request.getDigestCrc32C();
            boolean crcSent = pure ? request.hasDataCrc32C() : request.hasDigestCrc32C();
            if (crcSent && inputCrc.getValue() != crc32c(input)) {
                // Real KMS refuses a request whose checksum does not match what arrived.
                response.onError(Status.INVALID_ARGUMENT.withDescription("checksum mismatch").asRuntimeException());
                return;
            }
            try {
                byte[] signature = pure ? sign("Ed25519", version, input) : sign("NONEwithRSA", version, digestInfo(input));
                boolean verified = crcSent && confirmInputCrc;
                response.onNext(AsymmetricSignResponse.newBuilder()
                        .setSignature(ByteString.copyFrom(signature))
                        .setSignatureCrc32C(Int64Value.of(crc32c(signature) + (corruptSignatureCrc ? 1 : 0)))
                        .setVerifiedDigestCrc32C(!pure && verified)
                        .setVerifiedDataCrc32C(pure && verified)
                        .setName(answerAsName != null ? answerAsName : request.getName())
                        .setProtectionLevel(ProtectionLevel.HSM)
                        .build());
                response.onCompleted();
            } catch (Exception e) {
                response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            }
        }

        private void getPublicKey(GetPublicKeyRequest request, StreamObserver<com.google.cloud.kms.v1.PublicKey> response) {
            publicKeyRequests.add(request.getName());
            Version version = versions.get(request.getName());
            if (version == null) {
                response.onError(Status.NOT_FOUND.withDescription(request.getName()).asRuntimeException());
                return;
            }
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(version.pair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            long pemCrc = crc32c(pem.getBytes(StandardCharsets.UTF_8)) + (corruptPemCrc ? 1 : 0);
            response.onNext(com.google.cloud.kms.v1.PublicKey.newBuilder()
                    .setPem(pem)
                    .setPemCrc32C(Int64Value.of(pemCrc))
                    .setAlgorithm(version.algorithm())
                    .setName(request.getName())
                    .setProtectionLevel(ProtectionLevel.HSM)
                    .build());
            response.onCompleted();
        }

        private static byte[] digestInfo(byte[] sha256) {
            byte[] info = new byte[SHA256_DIGEST_INFO.length + sha256.length];
            System.arraycopy(SHA256_DIGEST_INFO, 0, info, 0, SHA256_DIGEST_INFO.length);
            System.arraycopy(sha256, 0, info, SHA256_DIGEST_INFO.length, sha256.length);
            return info;
        }

        private static byte[] sign(String algorithm, Version version, byte[] input) throws Exception {
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(version.pair().getPrivate());
            signer.update(input);
            return signer.sign();
        }
    }
}
