package dev.seatflow.expiry.warning;

import dev.seatflow.expiry.channels.ChannelSettings;
import java.time.Instant;
import java.util.UUID;

/**
 * A claimed warning picked for a send, with the license as it is now and the tenant's settings
 * (null when it removed them).
 */
record DueWarning(UUID id, String tenantId, UUID licenseId, Instant expiryDate, String threshold, String channel, int attempts,
                  Instant claimedAt, String licenseKey, Instant currentExpiryDate, boolean active, boolean deleted,
                  ChannelSettings settings) {

    /** Why this warning must not go out any more, or null when it still should. */
    String obsoleteBecause() {
        if (deleted) {
            return "license deleted";
        }
        if (!active) {
            return "license deactivated";
        }
        if (!currentExpiryDate.equals(expiryDate)) {
            return "expiry date changed";
        }
        if (settings == null || !configured()) {
            return "channel no longer configured";
        }
        return null;
    }

    private boolean configured() {
        switch (channel) {
            case "webhook":
                return settings.hasWebhook();
            case "email":
                return settings.hasEmail();
            case "push":
                return settings.hasPush();
            default:
                return false;
        }
    }
}
