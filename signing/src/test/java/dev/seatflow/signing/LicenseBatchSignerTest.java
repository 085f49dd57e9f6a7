package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each license is checked here independently of the library's verifier: the audit path is walked
 * by RFC 6962's recursive definition (not the iterative RFC 9162 algorithm the library uses), with
 * the JDK's MessageDigest and Signature.
 */
class LicenseBatchSignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path keyDir;
    static LocalKeySigner rsa;

    @BeforeAll
    static void openKey() {
        rsa = LocalKeySigner.open(keyDir, KeyAlgorithm.RSA_4096);
    }

    @Test
    void aLicenseWithNoSignatureInFlightIsSignedAloneAtOnce() throws Exception {
        GatedSigner counting = new GatedSigner(rsa);
        counting.open();
        try (LicenseBatchSigner batches = new LicenseBatchSigner(counting, new LicenseBatchSigner.Settings(256, 1), CLOCK, size -> { })) {
            for (int i = 0; i < 3; i++) {
                SignedLicense license = batches.sign(payload(i)).join();

                assertThat(license.version()).isEqualTo(SignedLicense.BATCH);
                assertThat(license.treeSize()).isEqualTo(1);
                assertThat(license.auditPath()).isEmpty();
                assertVerifiesIndependently(license);
            }
            assertThat(counting.signatures.get()).isEqualTo(3);
        }
    }

    /** The first license's signature is held until all 500 are queued, so the count does not depend on scheduling. */
    @Test
    void fiveHundredConcurrentLicensesCostAtMostFiftySignaturesAndEachVerifiesOnItsOwn() throws Exception {
        GatedSigner gated = new GatedSigner(rsa);
        List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (LicenseBatchSigner batches = new LicenseBatchSigner(gated, new LicenseBatchSigner.Settings(256, 2), CLOCK, batchSizes::add)) {
            List<CompletableFuture<SignedLicense>> licenses = new ArrayList<>();
            licenses.add(batches.sign(payload(0)));
            gated.awaitFirstSignature();
            for (int i = 1; i < 500; i++) {
                int n = i;
                licenses.add(CompletableFuture.supplyAsync(() -> batches.sign(payload(n)), callers).thenCompose(f -> f));
            }
            callers.shutdown();
            callers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            gated.open();
            for (int i = 0; i < 500; i++) {
                SignedLicense license = licenses.get(i).join();
                assertThat(license.payload()).isEqualTo(payload(i));
                assertVerifiesIndependently(license);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(gated.signatures.get()).isLessThanOrEqualTo(50);
        assertThat(batchSizes).hasSize(gated.signatures.get());
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 256));
    }

    @Test
    void aFailedSignatureFailsItsBatchOnlyAndTheNextBatchSigns() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GatedSigner failingOnce = new GatedSigner(rsa) {
            @Override
            public Signature sign(byte[] data) {
                if (calls.incrementAndGet() == 1) {
                    throw new SigningException("KMS unavailable");
                }
                return super.sign(data);
            }
        };
        failingOnce.open();
        try (LicenseBatchSigner batches = new LicenseBatchSigner(failingOnce, new LicenseBatchSigner.Settings(256, 1), CLOCK, size -> { })) {
            assertThatThrownBy(() -> batches.sign(payload(1)).join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(SigningException.class);

            assertVerifiesIndependently(batches.sign(payload(2)).join());
        }
    }

    @Test
    void closingFailsWhatIsStillQueued() {
        LicenseBatchSigner batches = new LicenseBatchSigner(rsa, new LicenseBatchSigner.Settings(4, 1), CLOCK, size -> { });
        batches.close();

        assertThatThrownBy(() -> batches.sign(payload(1)).join()).hasCauseInstanceOf(SigningException.class);
    }

    static Map<String, Object> payload(int n) {
        return Map.of("type", "lease", "session_id", "s-" + n, "license_key", "KEY-" + n,
                "not_after", "2026-12-02T12:06:00Z", "features", List.of("export", "sso"));
    }

    /** The JDK alone, and RFC 6962's recursive definition of the path. */
    static void assertVerifiesIndependently(SignedLicense license) throws Exception {
        HexFormat hex = HexFormat.of();
        byte[] leafData = CanonicalJson.canonicalBytes(Map.of("payload", license.payload(), "salt", license.salt()));
        List<byte[]> path = license.auditPath().stream().map(hex::parseHex).toList();
        byte[] root = rootOf(sha256(new byte[] {0}, leafData), license.leafIndex(), license.treeSize(), path);
        assertThat(hex.formatHex(root)).isEqualTo(license.statement().get("root"));
        assertThat(license.statement()).containsEntry("type", "seatflow.license-batch.v1")
                .containsEntry("tree_size", license.treeSize().intValue()).containsEntry("key_id", rsa.keyId());

        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa.publicKeys().get(0).key());
        verifier.update(CanonicalJson.canonicalBytes(license.statement()));
        assertThat(verifier.verify(Base64.getDecoder().decode(license.signature()))).isTrue();
    }

    /** PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k, else PATH(m - k, D[k:n]) : MTH(D[0:k]). */
    private static byte[] rootOf(byte[] leaf, long m, long n, List<byte[]> path) throws Exception {
        if (n == 1) {
            assertThat(path).isEmpty();
            return leaf;
        }
        long k = Long.highestOneBit(n - 1);
        byte[] sibling = path.get(path.size() - 1);
        List<byte[]> below = path.subList(0, path.size() - 1);
        return m < k
                ? sha256(new byte[] {1}, rootOf(leaf, m, k, below), sibling)
                : sha256(new byte[] {1}, sibling, rootOf(leaf, m - k, n - k, below));
    }

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }
}
