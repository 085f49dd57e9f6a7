package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.security.LocalTokenIssuer;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class AuthenticationTest {

    @Test
    void requiresABearerToken(GatewayPlatform platform) {
        platform.client().get().uri("/api/v1/seats").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated").jsonPath("$.status").isEqualTo(401);
        platform.client().get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Basic abc").exchange().expectStatus().isUnauthorized();
        platform.client().get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void refusesTokensSignedByAnotherKeyOrForAnotherProject(GatewayPlatform platform, @TempDir Path elsewhere) {
        LocalTokenIssuer impostor = LocalTokenIssuer.open(elsewhere, GatewaySettings.Auth.LOCAL_PROJECT_ID);
        String forged = impostor.mint("acme", "eve", Role.OWNER, Instant.now(), Duration.ofHours(1));
        platform.client().get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged).exchange()
                .expectStatus().isUnauthorized();

        String otherProject = LocalTokenIssuer.open(GatewayPlatform.KEYS.resolve("issuer"), "another-project")
                .mint("acme", "eve", Role.OWNER, Instant.now(), Duration.ofHours(1));
        platform.client().get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + otherProject).exchange()
                .expectStatus().isUnauthorized()
                // Firebase's own message names the project whose tokens are accepted: never passed on.
                .expectBody().jsonPath("$.detail").isEqualTo("the token is not valid");
    }

    @Test
    void aGatewayWithoutAFirebaseProjectRefusesToStartUnlessItRunsTheLocalIssuer(GatewayPlatform platform) {
        assertThatThrownBy(() -> GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.auth.local-issuer=false", "--seatflow.gateway.reply-partitions=1"))
                .rootCause().hasMessageContaining("seatflow.gateway.auth.project-id must name the Firebase project");
    }

    @Test
    void saysWhenATokenHasExpired(GatewayPlatform platform) {
        String expired = platform.issuer().mint("acme", "alice", Role.MEMBER, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));

        platform.client().get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("token_expired");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLocalIssuerMintsTokensThatTheGatewayAccepts(GatewayPlatform platform) {
        Map<String, Object> minted = platform.client().post().uri("/dev/tokens")
                .bodyValue(Map.of("tenant_id", "acme-dev", "user_id", "dev-user", "role", "owner")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        platform.client().get().uri("/api/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + minted.get("token")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.tenant_id").isEqualTo("acme-dev");
        platform.client().post().uri("/dev/tokens").bodyValue(Map.of("tenant_id", "acme", "user_id", "u", "role", "superuser")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
        platform.client().post().uri("/dev/tokens").bodyValue(Map.of("tenant_id", "no|pipes", "user_id", "u", "role", "owner")).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void probesAndPublicKeysNeedNoToken(GatewayPlatform platform) {
        platform.client().get().uri("/livez").exchange().expectStatus().isOk();
        // Up or down, nothing about the dependencies behind it.
        platform.client().get().uri("/readyz").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        platform.client().get().uri("/api/v1/licenses/public-key").exchange().expectStatus().isOk();
        platform.client().get().uri("/api/v1/no-such-thing").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void metricsDetailedHealthAndInfoAreOnTheManagementPortOnly(GatewayPlatform platform) {
        String token = platform.token("acme", "alice", Role.OWNER);
        for (String path : List.of("/prometheus", "/health", "/info", "/health/ready", "/health/ready/redis")) {
            platform.client().get().uri(path).exchange().expectStatus().isUnauthorized();
            platform.client().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isNotFound();
        }
        platform.managementClient().get().uri("/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("http_server_requests_seconds"));
        platform.managementClient().get().uri("/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.replies.status").isEqualTo("UP")
                .jsonPath("$.components.redis.details").exists();
        platform.managementClient().get().uri("/info").exchange().expectStatus().isOk();
        platform.managementClient().get().uri("/health/ready").exchange().expectStatus().isOk();
    }

    @Test
    void everyPathButThePublicOnesNeedsATokenHoweverItIsSpelled(GatewayPlatform platform) {
        String base = platform.baseUrl().replaceAll("/$", "");
        // Decoded, this is /api/v1/seats: the router would match it, so authorization must see it so too.
        platform.client().get().uri(URI.create(base + "/%61pi/v1/seats")).exchange().expectStatus().isUnauthorized();
        platform.client().get().uri(URI.create(base + "/api/v1/licenses/public-key/..%2F..%2Fseats")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_request");
        platform.client().get().uri(URI.create(base + "/health/../api/v1/seats")).exchange().expectStatus().isBadRequest();
        platform.client().get().uri("/favicon.ico").exchange().expectStatus().isUnauthorized();
        platform.client().get().uri("/v3/api-docs").exchange().expectStatus().isOk();
    }

    @Test
    void answersCarrySecurityHeadersAndApiAnswersAreNeverCached(GatewayPlatform platform) {
        String token = platform.token("acme", "alice", Role.MEMBER);
        platform.client().get().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
        platform.client().get().uri("/api/v1/seats").exchange()
                .expectStatus().isUnauthorized().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        // Spelled with an escape, it is still the API, and still never cached.
        platform.client().get().uri(URI.create(platform.baseUrl() + "%61pi/v1/seats")).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
        platform.client().get().uri("/webjars/swagger-ui/index.html").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isNotFound();
        platform.client().get().uri("/livez").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().doesNotExist("Content-Security-Policy");
    }

    @Test
    void unknownRoutesAreProblemsToo(GatewayPlatform platform) {
        String token = platform.token("acme", "alice", Role.MEMBER);
        platform.client().get().uri("/api/v1/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isNotFound().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
        platform.client().put().uri("/api/v1/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isEqualTo(405).expectBody().jsonPath("$.code").isEqualTo("method_not_allowed");
    }
}
