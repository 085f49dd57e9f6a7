package dev.seatflow.expiry.warning;

import java.time.Instant;
import java.util.UUID;

/** A warning that went out, to be recorded as an EXPIRY_WARNING_SENT event. */
record SentWarning(UUID id, String tenantId, UUID licenseId, Instant expiryDate, String threshold, String channel) {
}
