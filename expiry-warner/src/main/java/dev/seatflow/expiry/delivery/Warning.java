package dev.seatflow.expiry.delivery;

import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.expiry.channels.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * One warning to send on one channel.
 *
 * @param id the notification id: the same on every retry, so receivers can dedupe
 * @param sentAt when this attempt is made
 * @param destination the tenant's settings (webhook URL and secret, recipients, FCM topic)
 */
public record Warning(UUID id, String tenantId, UUID licenseId, String licenseKey, Instant expiryDate, Duration threshold,
                      String channel, Instant sentAt, ChannelSettings destination) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public String thresholdText() {
        return Thresholds.format(threshold);
    }

    public boolean atExpiry() {
        return threshold.isZero();
    }

    /** "expires within 7 days" or "has expired": true whenever the warning goes out, retries included. */
    public String status() {
        return atExpiry() ? "has expired" : "expires within " + Thresholds.describe(threshold);
    }

    public String expiryText() {
        return DATE.format(expiryDate);
    }
}
