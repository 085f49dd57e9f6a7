package dev.seatflow.gateway;

import dev.seatflow.schemas.common.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Calls the API as one user of one tenant, with a token from the local issuer. */
final class TenantApi {

    private final WebTestClient client;
    private final String token;
    private final GatewayPlatform platform;
    final String tenant;
    final String user;

    TenantApi(GatewayPlatform platform, String tenant, String user, Role role) {
        this(platform.client(), platform.token(tenant, user, role), tenant, user, platform);
    }

    /** Another user of the same tenant with another role. */
    TenantApi(TenantApi colleague, Role role) {
        this(colleague.client, colleague.platform.token(colleague.tenant, colleague.user + "-" + role.name().toLowerCase(), role),
                colleague.tenant, colleague.user + "-" + role.name().toLowerCase(), colleague.platform);
    }

    TenantApi(WebTestClient client, String token, String tenant, String user) {
        this(client, token, tenant, user, null);
    }

    private TenantApi(WebTestClient client, String token, String tenant, String user, GatewayPlatform platform) {
        this.platform = platform;
        this.client = client;
        this.token = token;
        this.tenant = tenant;
        this.user = user;
    }

    WebTestClient.ResponseSpec get(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    WebTestClient.ResponseSpec post(String path, Object body) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec post(String path, Object body, String idempotencyKey) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec post(String path) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    WebTestClient.ResponseSpec patch(String path, Object body) {
        return client.patch().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec patch(String path) {
        return client.patch().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    WebTestClient.ResponseSpec put(Object body) {
        return client.put().uri("/api/v1/tenant/notifications").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec delete(String path) {
        return client.delete().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    WebTestClient.ResponseSpec acquire(String key, String hardware) {
        return post("/api/v1/licenses/acquire", Map.of("license_key", key, "hardware_id", hardware));
    }

    /** Creates a license (call as an admin) and returns its key. */
    @SuppressWarnings("unchecked")
    Map<String, Object> createLicense(Instant expiry) {
        return post("/api/v1/licenses", Map.of("tier", "PRO", "features", List.of("analytics"), "expiry_date", expiry.toString()))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    Map<String, Object> createLicense() {
        return createLicense(Instant.now().plus(365, ChronoUnit.DAYS));
    }

    /** Sets the tenant's plan (call as the owner). */
    void configure(Map<String, Object> change) {
        patch("/api/v1/tenant", change).expectStatus().isOk();
    }
}
