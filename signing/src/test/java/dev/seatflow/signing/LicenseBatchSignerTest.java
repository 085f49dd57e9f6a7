package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.testkit.IndependentLicenseCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Each license is checked here independently of the library's verifier, by the test kit's
 * {@link IndependentLicenseCheck} (the JDK alone; RFC 6962's recursive path definition, not the
 * iterative RFC 9162 algorithm the library uses).
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

    /** The JDK alone (the test kit's independent check), and the statement's fields. */
    static void assertVerifiesIndependently(SignedLicense license) throws Exception {
        assertThat(license.statement()).containsEntry("type", "seatflow.license-batch.v1")
                .containsEntry("tree_size", license.treeSize().intValue()).containsEntry("key_id", rsa.keyId());
        assertThat(IndependentLicenseCheck.verifies(json(license), rsa.publicKeys().get(0).key())).isTrue();
    }

    /** As a JSON library would hand it over: plain maps, lists, strings and numbers. */
    static Map<String, Object> json(SignedLicense l) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", l.version());
        json.put("payload", l.payload());
        json.put("salt", l.salt());
        json.put("leaf_index", l.leafIndex().intValue());
        json.put("tree_size", l.treeSize().intValue());
        json.put("audit_path", l.auditPath());
        json.put("statement", l.statement());
        json.put("signature", l.signature());
        json.put("algorithm", l.algorithm());
        json.put("key_id", l.keyId());
        return json;
    }
}
