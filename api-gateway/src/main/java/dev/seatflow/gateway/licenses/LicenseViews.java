package dev.seatflow.gateway.licenses;

import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Tier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the license endpoints (JSON in snake_case). */
public final class LicenseViews {

    private LicenseViews() {
    }

    public record CreateLicenseRequest(
            @Schema(example = "PRO") @NotNull Tier tier,
            @Size(max = 64) List<@NotBlank @Size(max = 64) String> features,
            @Schema(example = "2027-12-31T00:00:00Z") @NotNull Instant expiryDate,
            @Min(0) @Max(TenantLimits.MAX_SEATS) Integer maxSessionsPerUser) {
    }

    /** Only the fields given change; at least one is required. */
    public record UpdateLicenseRequest(
            Tier tier,
            @Size(max = 64) List<@NotBlank @Size(max = 64) String> features,
            Instant expiryDate,
            @Min(0) @Max(TenantLimits.MAX_SEATS) Integer maxSessionsPerUser) {

        boolean isEmpty() {
            return tier == null && features == null && expiryDate == null && maxSessionsPerUser == null;
        }
    }

    /** @param maxSessionsPerUser most live sessions one user may hold on this license; 0: only the tenant's limit */
    public record License(UUID id, String key, Tier tier, List<String> features, Instant expiryDate, boolean isActive,
                          int maxSessionsPerUser, Instant createdAt, Instant updatedAt) {

        public static License of(LicenseState state) {
            return new License(state.getLicenseId(), state.getKey(), state.getTier(), List.copyOf(state.getFeatures()),
                    state.getExpiryDate(), state.getActive(), state.getMaxSessionsPerUser(), state.getCreatedAt(), state.getUpdatedAt());
        }

        public static License fromMirror(Map<String, String> hash) {
            String features = hash.getOrDefault("features", "");
            return new License(UUID.fromString(hash.get("license_id")), hash.get("key"), Tier.valueOf(hash.get("tier")),
                    features.isEmpty() ? List.of() : Arrays.asList(features.split(",")), millis(hash.get("expiry_date")),
                    Boolean.parseBoolean(hash.get("active")),
                    Integer.parseInt(hash.getOrDefault("max_sessions_per_user", Integer.toString(TenantLimits.NO_SESSION_LIMIT))),
                    millis(hash.get("created_at")), millis(hash.get("updated_at")));
        }
    }

    private static Instant millis(String value) {
        return Instant.ofEpochMilli(Long.parseLong(value));
    }
}
