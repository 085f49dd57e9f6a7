package dev.seatflow.signing;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies signed licenses offline, for the apps that embed it (plain Java, no framework): the key
 * by id from a pinned set or a JWKS (as {@code GET /api/v1/licenses/public-key} serves it), the
 * audit path up to the signed root, the statement's type and fields, the signature, and the
 * license's validity window ({@code not_before}/{@code not_after}, else {@code expiry_date}).
 * Every check that fails throws {@link LicenseVerificationException} saying which.
 */
public final class LicenseVerifier {

    private static final HexFormat HEX = HexFormat.of();

    /** Payload types of licenses: an online lease, an offline license document. */
    public static final Set<String> LICENSE_TYPES = Set.of("lease", "offline");

    private final Map<String, PublicKeyInfo> keys = new LinkedHashMap<>();
    private final Duration clockBehind;

    private LicenseVerifier(Collection<PublicKeyInfo> keys, Duration clockBehind) {
        keys.forEach(key -> this.keys.put(key.keyId(), key));
        this.clockBehind = clockBehind;
    }

    /**
     * The same keys, accepting a license up to {@code skew} before its {@code not_before}: a lease
     * starts when the server decided it, and a machine whose clock is a little behind the server's
     * must not refuse a lease it has just been given. The end of the window is never stretched.
     */
    public LicenseVerifier allowingClockBehindBy(Duration skew) {
        return new LicenseVerifier(keys.values(), skew);
    }

    /** Trusts exactly these keys (for example pinned in the app). */
    public static LicenseVerifier withKeys(Collection<PublicKeyInfo> keys) {
        return new LicenseVerifier(keys, Duration.ZERO);
    }

    /** Trusts the keys of a JWKS ({@code {"keys": [...]}}, RS256 and EdDSA), as parsed from JSON into maps. */
    public static LicenseVerifier fromJwks(Map<String, ?> jwks) {
        Object list = jwks.get("keys");
        if (!(list instanceof List<?> entries)) {
            throw new IllegalArgumentException("a JWKS has a \"keys\" array");
        }
        return new LicenseVerifier(entries.stream().map(entry -> PublicKeyInfo.fromJwk((Map<?, ?>) entry)).toList(), Duration.ZERO);
    }

    /** Verifies a license as parsed from JSON (see {@link SignedLicense#fromJson}) at {@code now}. */
    public Map<String, Object> verify(Map<String, ?> signedLicense, Instant now) {
        return verify(SignedLicense.fromJson(signedLicense), now);
    }

    /** @return the verified payload */
    public Map<String, Object> verify(SignedLicense license, Instant now) {
        PublicKeyInfo key = keys.get(license.keyId());
        if (key == null) {
            throw new LicenseVerificationException("unknown key id " + license.keyId());
        }
        if (!key.algorithm().equals(license.algorithm())) {
            throw new LicenseVerificationException("key " + key.keyId() + " is " + key.algorithm() + ", not " + license.algorithm());
        }
        byte[] signed = switch (license.version()) {
            case SignedLicense.SINGLE -> CanonicalJson.canonicalBytes(license.payload());
            case SignedLicense.BATCH -> batchStatement(license);
            default -> throw new LicenseVerificationException("unknown signed license version " + license.version());
        };
        if (!signatureValid(key, signed, license.signature())) {
            throw new LicenseVerificationException("the signature does not verify");
        }
        if (!LICENSE_TYPES.contains(license.payload().get("type"))) {
            throw new LicenseVerificationException("the signed payload is not a license: type " + license.payload().get("type"));
        }
        checkWindow(license.payload(), now, clockBehind);
        return license.payload();
    }

    /** Checks the statement and the audit path; returns the statement's bytes the signature must cover. */
    private static byte[] batchStatement(SignedLicense license) {
        Map<String, Object> statement = license.statement();
        if (statement == null || license.salt() == null || license.leafIndex() == null || license.treeSize() == null
                || license.auditPath() == null) {
            throw new LicenseVerificationException("a version 2 license has salt, leaf_index, tree_size, audit_path and statement");
        }
        if (!SignedLicense.BATCH_STATEMENT_TYPE.equals(statement.get("type"))) {
            throw new LicenseVerificationException("the signed statement is not a license batch: " + statement.get("type"));
        }
        if (!license.keyId().equals(statement.get("key_id")) || !license.algorithm().equals(statement.get("algorithm"))
                || !(statement.get("tree_size") instanceof Number size) || size.longValue() != license.treeSize()) {
            throw new LicenseVerificationException("the statement does not match the license's key, algorithm or tree size");
        }
        try {
            byte[] leaf = MerkleTree.leafHash(SignedLicense.leafData(license.payload(), license.salt()));
            List<byte[]> path = license.auditPath().stream().map(HEX::parseHex).toList();
            byte[] root = MerkleTree.rootFromAuditPath(leaf, license.leafIndex(), license.treeSize(), path);
            if (!MerkleTree.sameHash(root, HEX.parseHex(String.valueOf(statement.get("root"))))) {
                throw new LicenseVerificationException("the audit path does not lead to the signed root");
            }
        } catch (IllegalArgumentException e) {
            throw new LicenseVerificationException("malformed hash in the audit path or statement");
        }
        return CanonicalJson.canonicalBytes(statement);
    }

    private static boolean signatureValid(PublicKeyInfo key, byte[] data, String signature) {
        try {
            return key.verifies(data, Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkWindow(Map<String, Object> payload, Instant now, Duration clockBehind) {
        Instant notBefore = instant(payload, "not_before");
        Instant notAfter = payload.containsKey("not_after") ? instant(payload, "not_after") : instant(payload, "expiry_date");
        if (notBefore != null && now.plus(clockBehind).isBefore(notBefore)) {
            throw new LicenseVerificationException("not valid before " + notBefore);
        }
        if (notAfter != null && !now.isBefore(notAfter)) {
            throw new LicenseVerificationException("expired at " + notAfter);
        }
    }

    private static Instant instant(Map<String, Object> payload, String field) {
        Object value = payload.get(field);
        try {
            return value == null ? null : Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new LicenseVerificationException(field + " is not an instant: " + value);
        }
    }
}
