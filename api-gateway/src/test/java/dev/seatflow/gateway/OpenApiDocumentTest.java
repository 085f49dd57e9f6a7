package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.testkit.RealServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The document's shape; that a client generated from it really works is api-contract-tests' job.
 */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class OpenApiDocumentTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private GatewayPlatform platform;
    private Map<String, Object> document;
    private Map<String, Map<String, Object>> paths;

    @BeforeAll
    void fetch(GatewayPlatform platform) {
        this.platform = platform;
        document = platform.client().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        paths = (Map<String, Map<String, Object>>) document.get("paths");
    }

    @Test
    void describesEveryEndpointWithItsErrors() {
        assertThat(paths).containsKeys("/api/v1/licenses/acquire", "/api/v1/licenses/sessions/{id}/heartbeat",
                "/api/v1/licenses/sessions/{id}", "/api/v1/licenses/sessions", "/api/v1/seats", "/api/v1/licenses",
                "/api/v1/licenses/{id}", "/api/v1/licenses/{id}/activate", "/api/v1/licenses/{id}/deactivate",
                "/api/v1/licenses/{id}/sign", "/api/v1/tenant", "/api/v1/licenses/public-key");
        assertThat(responses("/api/v1/licenses/acquire", "post")).containsKeys("200", "201", "400", "401", "403", "404", "409", "429", "503");
        assertThat(responses("/api/v1/licenses/sessions/{id}/heartbeat", "patch")).containsKeys("200", "404", "410");
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        assertThat((Map<String, Object>) components.get("schemas")).containsKeys("Problem", "AcquireRequest");
        assertThat((Map<String, Object>) components.get("securitySchemes")).containsKey("firebaseIdToken");
        platform.client().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void namesMembersAsTheWireDoes() {
        Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("schemas");
        schemas.forEach((name, schema) -> {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            assertThat(properties.keySet()).as(name).allMatch(property -> property.matches("[a-z0-9_]+"));
        });
        assertThat((List<String>) schemas.get("AcquireRequest").get("required")).containsExactlyInAnyOrder("license_key", "hardware_id");
        assertThat((List<String>) schemas.get("Session").get("required")).contains("is_active");
        assertThat((Map<String, Object>) schemas.get("Session").get("properties")).containsEntry("id", Map.of("type", "string", "format", "uuid"));
        assertThat(schemas).doesNotContainKey("Caller");
    }

    @Test
    void asksForATokenExactlyWhereTheGatewayDoes() {
        operations((path, operation) -> {
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
            assertThat(parameters).as(path).extracting(parameter -> parameter.get("name")).doesNotContain("caller", "request");
            List<Object> security = (List<Object>) operation.get("security");
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            if (path.equals("/dev/tokens") || path.equals("/api/v1/licenses/public-key")) {
                assertThat(security).as(path).isNullOrEmpty();
                assertThat(responses).as(path).doesNotContainKey("401");
            } else {
                assertThat(security).as(path).containsExactly(Map.of("firebaseIdToken", List.of()));
                assertThat(responses).as(path).containsKey("401");
            }
        });
    }

    @Test
    void describesEveryErrorAsAProblemWithItsCodes() {
        operations((path, operation) -> ((Map<String, Map<String, Object>>) operation.get("responses")).forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                Map<String, Object> content = (Map<String, Object>) response.get("content");
                Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) content.get("application/problem+json")).get("schema");
                List<Map<String, Object>> allOf = (List<Map<String, Object>>) schema.get("allOf");
                assertThat(allOf.get(0)).as(path + " " + status).containsEntry("$ref", "#/components/schemas/Problem");
                Map<String, Object> code = (Map<String, Object>) ((Map<String, Object>) allOf.get(1).get("properties")).get("code");
                assertThat((List<String>) code.get("enum")).as(path + " " + status).isNotEmpty();
            }
        }));
        Map<String, Object> seatsExhausted = (Map<String, Object>) responses("/api/v1/licenses/acquire", "post").get("409");
        assertThat(seatsExhausted.toString()).contains("seats_exhausted");
    }

    private Map<String, Object> responses(String path, String method) {
        return (Map<String, Object>) ((Map<String, Object>) paths.get(path).get(method)).get("responses");
    }

    private void operations(java.util.function.BiConsumer<String, Map<String, Object>> check) {
        paths.forEach((path, item) -> METHODS.stream().filter(item::containsKey)
                .forEach(method -> check.accept(path, (Map<String, Object>) item.get(method))));
    }
}
