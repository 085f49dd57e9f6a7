package dev.seatflow.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The terms of a seat's lease, read only after its signature, audit path and validity window were
 * verified offline: what an app may rely on to enable features.
 *
 * @param type {@code lease} (a seat's) or {@code offline} (a license document, with no session and,
 *     unless bound to one, no machine: those are null)
 * @param notAfter when it stops verifying (a license document: its expiry date)
 */
public record VerifiedLicense(String type, UUID sessionId, UUID licenseId, String tenantId, String hardwareId, String tier,
                              List<String> features, Instant expiryDate, Instant notAfter) {

    @SuppressWarnings("unchecked")
    static VerifiedLicense of(Map<String, Object> payload) {
        Instant expiry = Instant.parse((String) payload.get("expiry_date"));
        return new VerifiedLicense((String) payload.get("type"), uuid(payload.get("session_id")), uuid(payload.get("license_id")),
                (String) payload.get("tenant_id"), (String) payload.get("hardware_id"), (String) payload.get("tier"),
                List.copyOf((List<String>) payload.get("features")), expiry,
                payload.get("not_after") == null ? expiry : Instant.parse((String) payload.get("not_after")));
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }
}
