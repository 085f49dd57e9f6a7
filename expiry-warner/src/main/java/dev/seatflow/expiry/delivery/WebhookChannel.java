package dev.seatflow.expiry.delivery;

import dev.seatflow.expiry.channels.ChannelSettingsValidator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** POSTs the warning as JSON to the tenant's URL, signed with its secret; any 2xx answer is a delivery. */
public final class WebhookChannel implements ExpiryChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration timeout;
    private final boolean allowInsecure;

    public WebhookChannel(Duration timeout, boolean allowInsecure) {
        // Redirects are not followed: the signed body goes only to the URL the tenant configured.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.allowInsecure = allowInsecure;
    }

    @Override
    public String name() {
        return WEBHOOK;
    }

    @Override
    public void send(Warning warning) throws DeliveryException {
        String url = warning.destination().webhookUrl();
        if (!ChannelSettingsValidator.acceptableWebhookUrl(url, allowInsecure)) {
            throw new DeliveryException("webhook URL refused (https required)");
        }
        byte[] body = body(warning);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Seatflow-Expiry-Warner/1")
                .header("Idempotency-Key", warning.id().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(warning.destination().webhookSecret(),
                        warning.sentAt().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryException("webhook answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new DeliveryException("webhook not reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while calling the webhook", e);
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
