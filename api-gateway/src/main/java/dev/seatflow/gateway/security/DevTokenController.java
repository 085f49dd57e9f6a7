package dev.seatflow.gateway.security;

import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /dev/tokens}: development tokens from the local issuer; absent unless it is enabled. */
@RestController
@ConditionalOnProperty(name = "seatflow.gateway.auth.local-issuer", havingValue = "true")
@Tag(name = "development", description = "Only with the local token issuer (never in production)")
public class DevTokenController {

    private final LocalTokenIssuer issuer;
    private final Clock clock;

    public DevTokenController(LocalTokenIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    public record TokenRequest(
            @Schema(example = "acme") @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String tenantId,
            @Schema(example = "alice") @NotBlank @Size(max = 128) String userId,
            @Schema(example = "owner") @NotBlank @Pattern(regexp = "owner|admin|member|guest") String role,
            @Min(1) @Max(86_400) Integer ttlSeconds) {
    }

    public record TokenResponse(String token, Instant expiresAt) {
    }

    @PostMapping("/dev/tokens")
    @Operation(summary = "Mint a development ID token for a tenant, user and role")
    @Problems(ErrorCode.INVALID_REQUEST)
    public TokenResponse mint(@Valid @RequestBody TokenRequest request) {
        Duration ttl = Duration.ofSeconds(request.ttlSeconds() == null ? 3600 : request.ttlSeconds());
        Instant now = clock.instant();
        String token = issuer.mint(request.tenantId(), request.userId(), FirebaseTokenVerifier.role(request.role()), now, ttl);
        return new TokenResponse(token, now.plus(ttl));
    }
}
