package dev.seatflow.gateway.seats;

import dev.seatflow.signing.SignedLicense;
import dev.seatflow.schemas.common.SessionState;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the seat endpoints (JSON in snake_case). */
public final class SeatViews {

    private SeatViews() {
    }

    public record AcquireRequest(
            @Schema(example = "SF-7QK2-M9XD-4HTR-WB3N") @NotBlank @Size(max = 256) String licenseKey,
            @Schema(example = "laptop-1") @NotBlank @Size(max = 256) String hardwareId) {
    }

    /** A session; {@code signedLicense} (a lease valid until {@code expiresAt}) is present on acquire. */
    public record Session(UUID id, UUID license, String licenseKey, String user, String hardwareId, Instant startedAt,
                          Instant lastHeartbeatAt, Instant expiresAt, boolean isActive, SignedLicense signedLicense) {

        static Session of(SessionState state, SignedLicense signed) {
            return new Session(state.getSessionId(), state.getLicenseId(), state.getLicenseKey(), state.getUserId(),
                    state.getHardwareId(), state.getStartedAt(), state.getLastHeartbeatAt(), state.getExpiresAt(),
                    state.getEndedAt() == null, signed);
        }

        static Session fromMirror(String id, Map<String, String> hash) {
            return new Session(UUID.fromString(id), UUID.fromString(hash.get("license_id")), hash.get("license_key"),
                    hash.get("user_id"), hash.get("hardware_id"), instant(hash.get("started_at")),
                    instant(hash.get("last_heartbeat_at")), instant(hash.get("expires_at")), true, null);
        }
    }

    /** {@code signedLicense}: a refreshed lease, when the heartbeat asked for one ({@code ?lease=true}). */
    public record HeartbeatResponse(UUID id, Instant lastHeartbeatAt, Instant expiresAt, boolean isActive, SignedLicense signedLicense) {

        HeartbeatResponse withLease(SignedLicense lease) {
            return new HeartbeatResponse(id, lastHeartbeatAt, expiresAt, isActive, lease);
        }
    }

    public record ReleaseResponse(String message, UUID sessionId, Instant endedAt) {
    }

    public record Seats(String plan, int maxSeats, int inUse, int available, int sessionTtlSeconds) {
    }

    static Instant instant(String epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
    }
}
