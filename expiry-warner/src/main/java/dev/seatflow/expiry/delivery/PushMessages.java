package dev.seatflow.expiry.delivery;

import java.util.Map;

/** Builds push warnings. The license key stays out: anyone subscribed to the topic sees the message. */
public final class PushMessages {

    private PushMessages() {
    }

    public static PushMessage build(Warning warning, String topic) {
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
