package dev.seatflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Map<String, Object> LEASE = Map.of("type", "lease", "session_id", "s-1", "license_key", "KEY-1",
            "not_before", "2026-12-02T12:00:00Z", "not_after", "2026-12-02T12:06:00Z");

    @TempDir
    static Path keyDir;
    static LocalKeySigner ed25519;
    static LicenseBatchSigner batches;
    static LicenseVerifier verifier;
    /** Leaf 2 of a batch of 5: a path of three steps. */
    static Map<String, Object> license;

    @BeforeAll
    static void signABatch() {
        ed25519 = LocalKeySigner.open(keyDir, KeyAlgorithm.ED25519);
        verifier = LicenseVerifier.fromJwks(Map.of("keys", List.of(ed25519.publicKeys().get(0).jwk())));
        // The first license's signature is held while the next five queue: they are the next batch, in order.
        GatedSigner gated = new GatedSigner(ed25519);
        batches = new LicenseBatchSigner(gated, new LicenseBatchSigner.Settings(5, 1), Clock.fixed(NOW, ZoneOffset.UTC), size -> { });
        List<CompletableFuture<SignedLicense>> signed = new ArrayList<>();
        signed.add(batches.sign(lease(0)));
        try {
            gated.awaitFirstSignature();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 1; i <= 5; i++) {
            signed.add(batches.sign(lease(i)));
        }
        gated.open();
        SignedLicense third = signed.get(3).join();
        assertThat(third.treeSize()).isEqualTo(5);
        assertThat(third.leafIndex()).isEqualTo(2);
        license = LicenseBatchSignerTest.json(third);
    }

    private static Map<String, Object> lease(int n) {
        Map<String, Object> payload = new HashMap<>(LEASE);
        payload.put("session_id", "s-" + n);
        return payload;
    }

    @AfterAll
    static void close() {
        batches.close();
    }

    @Test
    void acceptsALeaseInsideItsWindowFromTheJwks() {
        assertThat(verifier.verify(license, NOW.plusSeconds(60))).containsEntry("session_id", "s-3");
    }

    @Test
    void rejectsALeaseOutsideItsWindow() {
        assertThatThrownBy(() -> verifier.verify(license, NOW.plusSeconds(360))).hasMessageContaining("expired");
        assertThatThrownBy(() -> verifier.verify(license, NOW.minusSeconds(1))).hasMessageContaining("not valid before");
    }

    @Test
    void rejectsAnyChangeToPayloadSaltIndexPathRootOrSignature() {
        List<UnaryOperator<Map<String, Object>>> changes = List.of(
                l -> with(l, "payload", with(map(l.get("payload")), "license_key", "KEY-2")),
                l -> with(l, "salt", "A" + ((String) l.get("salt")).substring(1)),
                l -> with(l, "leaf_index", 3),
                l -> with(l, "tree_size", 6),
                l -> with(l, "audit_path", List.of(flipHex((String) ((List<?>) l.get("audit_path")).get(0)),
                        ((List<?>) l.get("audit_path")).get(1), ((List<?>) l.get("audit_path")).get(2))),
                l -> with(l, "statement", with(map(l.get("statement")), "root", flipHex((String) map(l.get("statement")).get("root")))),
                l -> with(l, "statement", with(map(l.get("statement")), "signed_at", "2026-12-02T12:00:00.001Z")),
                l -> with(l, "signature", flipBase64((String) l.get("signature"))));
        for (int i = 0; i < changes.size(); i++) {
            Map<String, Object> changed = changes.get(i).apply(license);
            assertThatThrownBy(() -> verifier.verify(changed, NOW)).as("change %d", i).isInstanceOf(LicenseVerificationException.class);
        }
    }

    @Test
    void rejectsAnotherSignatureOfThePlatformPassedOffAsALicense() {
        // An audit export manifest, signed with the same key: its own type, never a license.
        Map<String, Object> manifest = Map.of("type", "seatflow.audit-manifest.v1", "tenant_id", "acme", "row_count", 3);
        Signature signature = ed25519.sign(CanonicalJson.canonicalBytes(manifest));

        Map<String, Object> asVersion1 = Map.of("version", 1, "payload", manifest, "signature", signature.base64(),
                "algorithm", signature.algorithm(), "key_id", signature.keyId());
        assertThatThrownBy(() -> verifier.verify(asVersion1, NOW)).hasMessageContaining("not a license");

        Map<String, Object> asStatement = with(license, "statement", manifest);
        assertThatThrownBy(() -> verifier.verify(with(asStatement, "signature", signature.base64()), NOW))
                .hasMessageContaining("not a license batch");
    }

    @Test
    void rejectsAKeyItDoesNotTrust() {
        assertThatThrownBy(() -> verifier.verify(with(license, "key_id", "local-0000000000000000"), NOW))
                .hasMessageContaining("unknown key id");
    }

    @Test
    void verifiesAVersion1LicenseSignedAlone() {
        Map<String, Object> payload = new LinkedHashMap<>(LEASE);
        SignedLicense single = SignedLicense.single(payload, ed25519.sign(CanonicalJson.canonicalBytes(payload)));

        assertThat(LicenseVerifier.withKeys(ed25519.publicKeys()).verify(single, NOW)).isEqualTo(payload);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static String flipHex(String hex) {
        return (hex.charAt(0) == '0' ? '1' : '0') + hex.substring(1);
    }

    private static String flipBase64(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length / 2] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
