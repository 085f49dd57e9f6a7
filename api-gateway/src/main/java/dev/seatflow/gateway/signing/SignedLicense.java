package dev.seatflow.gateway.signing;

import java.util.Map;

/**
 * A signed license: the payload, and a signature over its RFC 8785 canonical JSON form, made with
 * the key {@code keyId} (listed by {@code GET /api/v1/licenses/public-key}).
 */
public record SignedLicense(Map<String, Object> payload, String signature, String algorithm, String keyId) {
}
