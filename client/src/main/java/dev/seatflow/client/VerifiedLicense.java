package dev.seatflow.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The terms of a seat's lease, read only after its signature, audit path and validity window were
 * verified offline: what an app may rely on to enable features.
 */
public record VerifiedLicense(UUID sessionId, UUID licenseId, String tenantId, String hardwareId, String tier,
                              List<String> features, Instant expiryDate, Instant notAfter) {

    @SuppressWarnings("unchecked")
    static VerifiedLicense of(Map<String, Object> payload) {
        return new VerifiedLicense(UUID.fromString((String) payload.get("session_id")), UUID.fromString((String) payload.get("license_id")),
                (String) payload.get("tenant_id"), (String) payload.get("hardware_id"), (String) payload.get("tier"),
                List.copyOf((List<String>) payload.get("features")), Instant.parse((String) payload.get("expiry_date")),
                Instant.parse((String) payload.get("not_after")));
    }
}
