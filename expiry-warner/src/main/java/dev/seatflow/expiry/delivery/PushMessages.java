package dev.seatflow.expiry.delivery;

import dev.seatflow.expiry.channels.FcmTopics;
import java.util.Map;

/**
 * Builds push warnings, to the tenant's topic inside the tenant's namespace ({@link FcmTopics}):
 * FCM topics are global, so the topic a tenant set is never sent as is. The license key stays out:
 * anyone subscribed to the topic sees the message.
 */
public final class PushMessages {

    private PushMessages() {
    }

    public static PushMessage build(Warning warning) {
        String topic = FcmTopics.forTenant(warning.tenantId(), warning.destination().fcmTopic());
        String title = warning.atExpiry() ? "License expired" : "License expiring";
        String body = "A license " + warning.status() + " (" + warning.expiryText() + ").";
        return new PushMessage(topic, title, body, Map.of(
                "type", "license.expiry_warning",
                "id", warning.id().toString(),
                "tenant_id", warning.tenantId(),
                "license_id", warning.licenseId().toString(),
                "expiry_date", warning.expiryDate().toString(),
                "threshold", warning.thresholdText()));
    }
}
