package dev.seatflow.expiry.warning;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A warning the warner gave up on, as {@code GET /expiry/dead-letters} lists it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeadLetter(UUID id, String tenantId, UUID licenseId, Instant expiryDate, String threshold, String channel,
                         int attempts, Instant claimedAt, Instant lastAttemptAt, String lastError) {
}
