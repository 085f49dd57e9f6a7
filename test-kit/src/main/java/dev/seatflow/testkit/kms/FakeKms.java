package dev.seatflow.testkit.kms;

import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.GetPublicKeyRequest;
import com.google.cloud.kms.v1.ProtectionLevel;
import com.google.cloud.kms.v1.PublicKey;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Just enough of {@code google.cloud.kms.v1.KeyManagementService} (AsymmetricSign, GetPublicKey)
 * for the real Cloud KMS client to talk to, wired by hand (no generated gRPC stubs exist for it
 * on Maven Central). It signs with real keys, checks and returns CRC32C as KMS does, records every
 * request, can corrupt its answers, and can hold signatures until a test lets them go.
 */
public final class FakeKms {

    private static final String SERVICE = "google.cloud.kms.v1.KeyManagementService";
    /** DER DigestInfo header for SHA-256 (RFC 8017 section 9.2): PKCS#1 v1.5 signs this plus the digest. */
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private record Version(KeyPair pair, CryptoKeyVersionAlgorithm algorithm) {
    }

    private final Map<String, Version> versions = new ConcurrentHashMap<>();
    private final List<AsymmetricSignRequest> signRequests = new CopyOnWriteArrayList<>();
    private final List<String> publicKeyRequests = new CopyOnWriteArrayList<>();
    private final CountDownLatch signatureHeld = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean confirmInputCrc = true;
    private volatile boolean corruptSignatureCrc;
    private volatile boolean corruptPemCrc;
    private volatile String answerAsName;

    public FakeKms add(String versionName, KeyPair pair, CryptoKeyVersionAlgorithm algorithm) {
        versions.put(versionName, new Version(pair, algorithm));
        return this;
    }

    /** Every AsymmetricSign request received, in order. */
    public List<AsymmetricSignRequest> signRequests() {
        return signRequests;
    }

    /** The version names of every GetPublicKey request received, in order. */
    public List<String> publicKeyRequests() {
        return publicKeyRequests;
    }

    /** {@code false}: answer as if the request's CRC32C never reached KMS (verified_*_crc32c false). */
    public void confirmInputCrc(boolean confirm) {
        this.confirmInputCrc = confirm;
    }

    public void corruptSignatureCrc(boolean corrupt) {
        this.corruptSignatureCrc = corrupt;
    }

    public void corruptPemCrc(boolean corrupt) {
        this.corruptPemCrc = corrupt;
    }

    /** Answer AsymmetricSign in the name of another version (null: the requested one). */
    public void answerAsName(String name) {
        this.answerAsName = name;
    }

    /** From now on, AsymmetricSign calls wait until {@link #releaseSignatures()}. Needs a server with its own executor. */
    public void holdSignatures() {
        gate = new CountDownLatch(1);
    }

    public void releaseSignatures() {
        gate.countDown();
    }

    /** Waits until a held AsymmetricSign call has arrived. */
    public boolean awaitHeldSignature(Duration timeout) throws InterruptedException {
        return signatureHeld.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(method("AsymmetricSign", AsymmetricSignRequest.getDefaultInstance(),
                        AsymmetricSignResponse.getDefaultInstance()), ServerCalls.asyncUnaryCall(this::asymmetricSign))
                .addMethod(method("GetPublicKey", GetPublicKeyRequest.getDefaultInstance(),
                        PublicKey.getDefaultInstance()), ServerCalls.asyncUnaryCall(this::getPublicKey))
                .build();
    }

    /** Serves this fake over plaintext gRPC on a free loopback port ({@code Server.getPort()}). */
    public Server serveOnLoopback() {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(definition()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake KMS", e);
        }
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
        if (gate.getCount() > 0) {
            signatureHeld.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.onError(Status.CANCELLED.asRuntimeException());
                return;
            }
        }
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

    private void getPublicKey(GetPublicKeyRequest request, StreamObserver<PublicKey> response) {
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
        response.onNext(PublicKey.newBuilder()
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

    /** CRC32C as KMS computes it for its integrity fields. */
    public static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
