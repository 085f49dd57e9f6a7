package dev.seatflow.client;

import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.schemas.common.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the tests do through the API as the tenant's owner and admin (not through the SDK). */
record Admin(GatewayPlatform platform, String tenant, String token) {

    static Admin of(GatewayPlatform platform, String tenant) {
        return new Admin(platform, tenant, platform.token(tenant, "olga", Role.OWNER));
    }

    void configure(Map<String, Object> change) {
        platform.client().patch().uri("/api/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).bodyValue(change)
                .exchange().expectStatus().isOk();
    }

    Map<String, Object> createLicense() {
        return post("/api/v1/licenses", Map.of("tier", "PRO", "features", List.of("analytics"),
                "expiry_date", Instant.now().plus(365, ChronoUnit.DAYS).toString()));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> post(String path, Object body) {
        WebTestClient.RequestBodySpec request = platform.client().post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> acquireAs(String user, String key, String hardware) {
        return platform.client().post().uri("/api/v1/licenses/acquire")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + platform.token(tenant, user, Role.MEMBER))
                .bodyValue(Map.of("license_key", key, "hardware_id", hardware))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> session(UUID id) {
        Map<String, Object> page = platform.client().get().uri("/api/v1/licenses/sessions?limit=200")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().filter(s -> id.toString().equals(s.get("id")))
                .findFirst().orElseThrow(() -> new AssertionError("no live session " + id));
    }

    int seatsInUse() {
        Map<?, ?> seats = platform.client().get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) seats.get("in_use")).intValue();
    }
}
