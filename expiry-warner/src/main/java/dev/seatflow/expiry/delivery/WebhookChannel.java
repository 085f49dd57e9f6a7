package dev.seatflow.expiry.delivery;

import dev.seatflow.expiry.channels.ChannelSettingsValidator;
import dev.seatflow.expiry.webhook.RefusedWebhookTargetException;
import dev.seatflow.expiry.webhook.WebhookTarget;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs the warning as JSON to the tenant's URL, signed with its secret; any 2xx answer is a
 * delivery. The host is resolved and checked before every send (settings rows may predate the
 * check or be written by hand, and DNS may have changed since they were saved), and the request
 * goes to the address that was checked. Redirects are not followed: the signed body goes only to
 * the URL the tenant configured.
 */
public final class WebhookChannel implements ExpiryChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookTargetPolicy policy;
    private final WebhookHttpClient http;

    /** @param http shared by every send; its owner closes it */
    WebhookChannel(WebhookTargetPolicy policy, WebhookHttpClient http) {
        this.policy = policy;
        this.http = http;
    }

    @Override
    public String name() {
        return WEBHOOK;
    }

    @Override
    public void send(Warning warning) throws DeliveryException {
        String url = warning.destination().webhookUrl();
        if (!ChannelSettingsValidator.acceptableWebhookUrl(url, policy.allowInsecure())) {
            throw new DeliveryException("webhook URL refused (https required)");
        }
        WebhookTarget target;
        try {
            target = policy.check(URI.create(url));
        } catch (RefusedWebhookTargetException e) {
            throw new DeliveryException("webhook refused: " + e.getMessage(), e);
        }
        byte[] body = body(warning);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Seatflow-Expiry-Warner/1");
        headers.put("Idempotency-Key", warning.id().toString());
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(warning.destination().webhookSecret(),
                warning.sentAt().getEpochSecond(), body));
        int status;
        try {
            status = http.post(target, headers, body);
        } catch (IOException e) {
            throw new DeliveryException("webhook not reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (status / 100 != 2) {
            throw new DeliveryException("webhook answered HTTP " + status);
        }
    }

    /** The JSON body receivers get (snake_case, times in ISO-8601 UTC). */
    static byte[] body(Warning warning) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", warning.id().toString());
        body.put("type", "license.expiry_warning");
        body.put("tenant_id", warning.tenantId());
        body.put("license_id", warning.licenseId().toString());
        body.put("expiry_date", warning.expiryDate().toString());
        body.put("threshold", warning.thresholdText());
        body.put("channel", WEBHOOK);
        body.put("sent_at", warning.sentAt().toString());
        return JSON.writeValueAsBytes(body);
    }
}
