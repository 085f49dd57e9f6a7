package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.testkit.RealServices;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void describesEveryEndpointWithItsErrors(GatewayPlatform platform) {
        Map<String, Object> document = platform.client().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        assertThat(paths).containsKeys("/api/v1/licenses/acquire", "/api/v1/licenses/sessions/{id}/heartbeat",
                "/api/v1/licenses/sessions/{id}", "/api/v1/licenses/sessions", "/api/v1/seats", "/api/v1/licenses",
                "/api/v1/licenses/{id}", "/api/v1/licenses/{id}/activate", "/api/v1/licenses/{id}/deactivate",
                "/api/v1/licenses/{id}/sign", "/api/v1/tenant", "/api/v1/licenses/public-key");
        Map<String, Object> acquire = (Map<String, Object>) paths.get("/api/v1/licenses/acquire").get("post");
        assertThat((Map<String, Object>) acquire.get("responses")).containsKeys("200", "201", "400", "401", "403", "404", "409", "429", "503");
        Map<String, Object> heartbeat = (Map<String, Object>) paths.get("/api/v1/licenses/sessions/{id}/heartbeat").get("patch");
        assertThat((Map<String, Object>) heartbeat.get("responses")).containsKeys("200", "404", "410");
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        assertThat((Map<String, Object>) components.get("schemas")).containsKeys("Problem", "AcquireRequest");
        assertThat((Map<String, Object>) components.get("securitySchemes")).containsKey("firebaseIdToken");
        platform.client().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
