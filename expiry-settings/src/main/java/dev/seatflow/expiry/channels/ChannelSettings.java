package dev.seatflow.expiry.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's expiry warning settings. A channel is configured when its destination is set; a
 * tenant gets warnings only on the channels it configured.
 *
 * @param thresholds when to warn, before expiry; empty for the warner's defaults (P30D, P7D, P1D, PT0S)
 * @param webhookUrl https URL the webhook channel POSTs to; null for no webhook
 * @param webhookSecret HMAC-SHA256 key of the {@code Seatflow-Signature} header (16 characters or more); null with no webhook
 * @param emailRecipients up to 10 addresses; empty for no e-mail
 * @param fcmTopic Firebase Cloud Messaging topic of the tenant; null for no push
 * @param updatedAt when the settings were last written (set by the repository)
 */
public record ChannelSettings(String tenantId, List<Duration> thresholds, String webhookUrl, String webhookSecret,
                              List<String> emailRecipients, String fcmTopic, Instant updatedAt) {

    public ChannelSettings {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        emailRecipients = emailRecipients == null ? List.of() : List.copyOf(emailRecipients);
    }

    public static ChannelSettings of(String tenantId) {
        return new ChannelSettings(tenantId, List.of(), null, null, List.of(), null, null);
    }

    public ChannelSettings withThresholds(List<Duration> newThresholds) {
        return new ChannelSettings(tenantId, newThresholds, webhookUrl, webhookSecret, emailRecipients, fcmTopic, updatedAt);
    }

    public ChannelSettings withWebhook(String url, String secret) {
        return new ChannelSettings(tenantId, thresholds, url, secret, emailRecipients, fcmTopic, updatedAt);
    }

    public ChannelSettings withEmailRecipients(List<String> recipients) {
        return new ChannelSettings(tenantId, thresholds, webhookUrl, webhookSecret, recipients, fcmTopic, updatedAt);
    }

    public ChannelSettings withFcmTopic(String topic) {
        return new ChannelSettings(tenantId, thresholds, webhookUrl, webhookSecret, emailRecipients, topic, updatedAt);
    }

    /** The same settings without the webhook secret, for showing them back to the tenant. */
    public ChannelSettings redacted() {
        return new ChannelSettings(tenantId, thresholds, webhookUrl, null, emailRecipients, fcmTopic, updatedAt);
    }

    /** Never shows the webhook secret (settings end up in logs and exception messages). */
    @Override
    public String toString() {
        return "ChannelSettings[tenantId=" + tenantId + ", thresholds=" + thresholds + ", webhookUrl=" + webhookUrl
                + ", webhookSecret=" + (webhookSecret == null ? null : "***") + ", emailRecipients=" + emailRecipients
                + ", fcmTopic=" + fcmTopic + ", updatedAt=" + updatedAt + "]";
    }

    public boolean hasWebhook() {
        return webhookUrl != null;
    }

    public boolean hasEmail() {
        return !emailRecipients.isEmpty();
    }

    public boolean hasPush() {
        return fcmTopic != null;
    }
}
