package dev.seatflow.signing;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.kms.v1.AsymmetricSignRequest;
import com.google.cloud.kms.v1.AsymmetricSignResponse;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersionName;
import com.google.cloud.kms.v1.Digest;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.common.hash.Hashing;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs with Cloud KMS asymmetric keys, so production private keys never leave KMS.
 *
 * <p>The first CryptoKeyVersion signs; the others are only published, so licenses signed before a rotation
 * keep verifying. The key id is the full CryptoKeyVersion resource name. Every exchange is checked with
 * CRC32C both ways, as KMS recommends: KMS confirms what it received, we confirm what came back.
 * RSA PKCS#1 v1.5 SHA-256 versions are sent a SHA-256 digest; Ed25519 versions sign in pure mode, which KMS
 * only offers for the data itself, so they are sent the data.
 */
public final class KmsLicenseSigner implements LicenseSigner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KmsLicenseSigner.class);

    private final KeyManagementServiceClient client;
    private final List<String> versionNames;
    /** Public keys are immutable per version, so one successful fetch serves the process lifetime. */
    private volatile List<PublicKeyInfo> publicKeys;

    /** {@code versionNames}: signing version first, then versions only published for verification. */
    public KmsLicenseSigner(KeyManagementServiceClient client, List<String> versionNames) {
        this.client = Objects.requireNonNull(client, "client");
        this.versionNames = checkNames(versionNames);
    }

    /** Uses Application Default Credentials (Workload Identity on GKE) at Google's endpoint, the client's default deadlines. */
    public static KmsLicenseSigner create(List<String> versionNames) {
        return create(versionNames, Endpoint.GOOGLE, null);
    }

    /**
     * Where the KMS API is reached.
     *
     * @param address {@code host:port}; empty for Google's default ({@code cloudkms.googleapis.com:443})
     * @param plaintext no TLS and no credentials: only for a local emulator or a test's fake service
     */
    public record Endpoint(String address, boolean plaintext) {

        public static final Endpoint GOOGLE = new Endpoint("", false);

        public Endpoint {
            Objects.requireNonNull(address, "address");
            if (plaintext && address.isBlank()) {
                throw new IllegalArgumentException("a plaintext KMS endpoint needs an address (host:port)");
            }
        }
    }

    /**
     * Application Default Credentials at {@code endpoint}, or none for a plaintext endpoint.
     *
     * @param signDeadline how long one AsymmetricSign may take, retries included (null: the client's
     *                     60 s); a caller that stops waiting sooner should not keep a call going
     */
    public static KmsLicenseSigner create(List<String> versionNames, Endpoint endpoint, Duration signDeadline) {
        List<String> names = checkNames(versionNames);
        try {
            KeyManagementServiceSettings.Builder settings = KeyManagementServiceSettings.newBuilder();
            if (signDeadline != null) {
                var sign = settings.asymmetricSignSettings();
                var retry = sign.getRetrySettings();
                sign.setRetrySettings(retry.toBuilder()
                        .setTotalTimeoutDuration(signDeadline)
                        .setInitialRpcTimeoutDuration(min(retry.getInitialRpcTimeoutDuration(), signDeadline))
                        .setMaxRpcTimeoutDuration(min(retry.getMaxRpcTimeoutDuration(), signDeadline))
                        .build());
            }
            if (endpoint.plaintext()) {
                log.warn("Cloud KMS at {} over plaintext without credentials: for an emulator or a test only", endpoint.address());
                settings.setTransportChannelProvider(KeyManagementServiceSettings.defaultGrpcTransportProviderBuilder()
                                .setEndpoint(endpoint.address())
                                .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                                .build())
                        .setCredentialsProvider(NoCredentialsProvider.create());
            } else if (!endpoint.address().isBlank()) {
                settings.setEndpoint(endpoint.address());
            }
            return new KmsLicenseSigner(KeyManagementServiceClient.create(settings.build()), names);
        } catch (IOException e) {
            throw new SigningException("cannot create Cloud KMS client: " + e.getMessage(), e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public Signature sign(byte[] data) {
        Objects.requireNonNull(data, "data");
        String name = versionNames.get(0);
        String algorithm = algorithm();
        boolean pureEdDsa = "EdDSA".equals(algorithm);
        AsymmetricSignRequest.Builder request = AsymmetricSignRequest.newBuilder().setName(name);
        if (pureEdDsa) {
            request.setData(ByteString.copyFrom(data)).setDataCrc32C(crc32c(data));
        } else {
            byte[] digest = sha256(data);
            request.setDigest(Digest.newBuilder().setSha256(ByteString.copyFrom(digest))).setDigestCrc32C(crc32c(digest));
        }
        AsymmetricSignResponse response;
        try {
            response = client.asymmetricSign(request.build());
        } catch (ApiException e) {
            throw new SigningException("Cloud KMS AsymmetricSign failed for " + name + ": " + e.getMessage(), e);
        }
        if (!(pureEdDsa ? response.getVerifiedDataCrc32C() : response.getVerifiedDigestCrc32C())) {
            throw integrityFailure(name, "KMS did not confirm the CRC32C of the request " + (pureEdDsa ? "data" : "digest"));
        }
        if (!name.equals(response.getName())) {
            throw integrityFailure(name, "response is for " + response.getName());
        }
        byte[] signature = response.getSignature().toByteArray();
        if (!response.hasSignatureCrc32C() || response.getSignatureCrc32C().getValue() != crc32c(signature).getValue()) {
            throw integrityFailure(name, "signature CRC32C mismatch");
        }
        return new Signature(signature, algorithm, name);
    }

    @Override
    public String algorithm() {
        return publicKeys().get(0).algorithm();
    }

    @Override
    public String keyId() {
        return versionNames.get(0);
    }

    @Override
    public List<PublicKeyInfo> publicKeys() {
        List<PublicKeyInfo> keys = publicKeys;
        if (keys == null) {
            synchronized (this) {
                if (publicKeys == null) {
                    List<PublicKeyInfo> fetched = new ArrayList<>();
                    for (String name : versionNames) {
                        fetched.add(fetchPublicKey(name));
                    }
                    publicKeys = List.copyOf(fetched);
                    log.info("Loaded {} Cloud KMS public key(s); signing with {}", fetched.size(), keyId());
                }
                keys = publicKeys;
            }
        }
        return keys;
    }

    @Override
    public String describe() {
        return "Cloud KMS key " + keyId();
    }

    @Override
    public void close() {
        client.close();
    }

    private PublicKeyInfo fetchPublicKey(String name) {
        com.google.cloud.kms.v1.PublicKey response;
        try {
            response = client.getPublicKey(name);
        } catch (ApiException e) {
            throw new SigningException("Cloud KMS GetPublicKey failed for " + name + ": " + e.getMessage(), e);
        }
        String pem = response.getPem();
        if (!response.hasPemCrc32C()
                || response.getPemCrc32C().getValue() != crc32c(pem.getBytes(StandardCharsets.UTF_8)).getValue()) {
            throw integrityFailure(name, "public key PEM CRC32C mismatch");
        }
        if (!name.equals(response.getName())) {
            throw integrityFailure(name, "public key response is for " + response.getName());
        }
        String algorithm = jwsAlgorithm(response.getAlgorithm(), name);
        try {
            KeyFactory factory = KeyFactory.getInstance("RS256".equals(algorithm) ? "RSA" : "Ed25519");
            PublicKey key = factory.generatePublic(new X509EncodedKeySpec(Pem.decode(pem, "PUBLIC KEY")));
            return new PublicKeyInfo(name, algorithm, key);
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot parse the Cloud KMS public key of " + name, e);
        }
    }

    private static String jwsAlgorithm(CryptoKeyVersionAlgorithm algorithm, String name) {
        return switch (algorithm) {
            case RSA_SIGN_PKCS1_2048_SHA256, RSA_SIGN_PKCS1_3072_SHA256, RSA_SIGN_PKCS1_4096_SHA256 -> "RS256";
            case EC_SIGN_ED25519 -> "EdDSA";
            default -> throw new SigningException("unsupported Cloud KMS algorithm " + algorithm + " for " + name
                    + "; use RSA_SIGN_PKCS1_*_SHA256 or EC_SIGN_ED25519");
        };
    }

    private static List<String> checkNames(List<String> versionNames) {
        Objects.requireNonNull(versionNames, "versionNames");
        if (versionNames.isEmpty()) {
            throw new IllegalArgumentException("at least one CryptoKeyVersion name is required");
        }
        for (String name : versionNames) {
            if (name == null || !CryptoKeyVersionName.isParsableFrom(name)) {
                throw new IllegalArgumentException("not a CryptoKeyVersion resource name (projects/*/locations/*/"
                        + "keyRings/*/cryptoKeys/*/cryptoKeyVersions/*): " + name);
            }
        }
        if (new HashSet<>(versionNames).size() != versionNames.size()) {
            throw new IllegalArgumentException("CryptoKeyVersion names must be distinct: " + versionNames);
        }
        return List.copyOf(versionNames);
    }

    private static SigningException integrityFailure(String name, String detail) {
        return new SigningException("Cloud KMS integrity check failed for " + name + ": " + detail);
    }

    static Int64Value crc32c(byte[] bytes) {
        return Int64Value.of(Hashing.crc32c().hashBytes(bytes).padToLong());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new SigningException("SHA-256 unavailable", e);
        }
    }
}
