package dev.seatflow.gateway.chaos;

import dev.seatflow.gateway.security.LocalTokenIssuer;
import dev.seatflow.schemas.common.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/** Tenants with a seat cap, a short TTL and one license each, made through the API once the processors decide. */
final class TenantSetup {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private TenantSetup() {
    }

    static String tenant(int index) {
        return "chaos-" + RUN + "-" + index;
    }

    /** Tenant id to license key. */
    static Map<String, String> create(String url, LocalTokenIssuer issuer, int tenants, int seats) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, String> keys = new HashMap<>();
        for (int t = 0; t < tenants; t++) {
            String owner = issuer.mint(tenant(t), "owner", Role.OWNER, Instant.now(), Duration.ofHours(1));
            send(http, url, owner, "PATCH", "/api/v1/tenant",
                    "{\"plan\":\"ENTERPRISE\",\"max_seats\":" + seats + ",\"session_ttl_seconds\":30}", 200);
            String created = send(http, url, owner, "POST", "/api/v1/licenses",
                    "{\"tier\":\"PRO\",\"features\":[],\"expiry_date\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}", 201);
            keys.put(tenant(t), created.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1"));
        }
        return keys;
    }

    /** Sends until the expected status comes back (the processors may still be starting); returns the body. */
    private static String send(HttpClient http, String url, String token, String method, String path, String json, int expected) {
        String key = UUID.randomUUID().toString();
        AtomicReference<String> body = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            body.set(response.body());
            return response.statusCode() == expected;
        });
        return body.get();
    }
}
