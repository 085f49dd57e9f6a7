package dev.seatflow.gateway.seats;

import dev.seatflow.gateway.licenses.LicenseViews.License;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The payload of a signed lease: the license's terms for one session on one machine, valid from
 * the decision until the session's expiry plus the tenant's offline grace (never past the
 * license's own expiry). A client that keeps a lease after releasing its seat holds a document
 * that stops verifying minutes later (or after the grace the tenant chose), not a license valid
 * until the expiry date.
 */
final class Leases {

    /** The payload type that tells a lease from an offline license document ({@code offline}). */
    static final String TYPE = "lease";

    private Leases() {
    }

    static Map<String, Object> payload(String tenantId, UUID sessionId, String hardwareId, License license,
                                       Instant issuedAt, Instant sessionExpiresAt, Duration offlineGrace) {
        Instant leaseEnd = sessionExpiresAt.plus(offlineGrace);
        Instant notAfter = leaseEnd.isAfter(license.expiryDate()) ? license.expiryDate() : leaseEnd;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", TYPE);
        payload.put("session_id", sessionId.toString());
        payload.put("license_id", license.id().toString());
        payload.put("license_key", license.key());
        payload.put("tenant_id", tenantId);
        payload.put("hardware_id", hardwareId);
        payload.put("tier", license.tier().name());
        payload.put("features", List.copyOf(license.features()));
        payload.put("expiry_date", license.expiryDate().toString());
        payload.put("issued_at", issuedAt.toString());
        payload.put("not_before", issuedAt.toString());
        payload.put("not_after", notAfter.toString());
        return payload;
    }
}
