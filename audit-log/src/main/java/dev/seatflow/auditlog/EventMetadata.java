package dev.seatflow.auditlog;

import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.event.AcquisitionFailedDetails;
import dev.seatflow.schemas.event.ExpiryWarningDetails;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionDetails;
import dev.seatflow.schemas.event.TenantDetails;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code metadata} column: an event's typed details as JSON (strings, whole numbers, booleans,
 * lists), in the spirit of the original design's metadata (license, key, hardware id, reason...).
 */
final class EventMetadata {

    private EventMetadata() {
    }

    static Map<String, Object> of(LicenseEvent event) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        Object details = event.getDetails();
        if (details instanceof SessionDetails session) {
            session(metadata, session.getSession());
            metadata.put("seats_in_use", session.getSeatsInUse());
            metadata.put("max_seats", session.getMaxSeats());
        } else if (details instanceof AcquisitionFailedDetails failed) {
            metadata.put("license_key", failed.getLicenseKey());
            metadata.put("license_id", failed.getLicenseId() == null ? null : failed.getLicenseId().toString());
            metadata.put("hardware_id", failed.getHardwareId());
            metadata.put("reason", failed.getReason().name());
            metadata.put("seats_in_use", failed.getSeatsInUse());
            metadata.put("max_seats", failed.getMaxSeats());
        } else if (details instanceof LicenseDetails license) {
            metadata.put("license", license(license.getLicense()));
            if (license.getPrevious() != null) {
                metadata.put("previous", license(license.getPrevious()));
            }
            metadata.put("ended_sessions", license.getEndedSessions().stream().map(Object::toString).toList());
        } else if (details instanceof TenantDetails tenant) {
            metadata.put("settings", tenant(tenant.getSettings()));
            if (tenant.getPrevious() != null) {
                metadata.put("previous", tenant(tenant.getPrevious()));
            }
        } else if (details instanceof ExpiryWarningDetails warning) {
            metadata.put("license_id", warning.getLicenseId().toString());
            metadata.put("expiry_date", warning.getExpiryDate().toString());
            metadata.put("threshold", warning.getThreshold());
            metadata.put("channel", warning.getChannel());
        }
        return metadata;
    }

    private static void session(Map<String, Object> metadata, SessionState session) {
        metadata.put("session_id", session.getSessionId().toString());
        metadata.put("license_id", session.getLicenseId().toString());
        metadata.put("license_key", session.getLicenseKey());
        metadata.put("user_id", session.getUserId());
        metadata.put("hardware_id", session.getHardwareId());
        metadata.put("started_at", session.getStartedAt().toString());
        metadata.put("last_heartbeat_at", session.getLastHeartbeatAt().toString());
        metadata.put("expires_at", session.getExpiresAt().toString());
        if (session.getEndedAt() != null) {
            metadata.put("ended_at", session.getEndedAt().toString());
            metadata.put("end_reason", session.getEndReason().name());
            metadata.put("session_duration_seconds", Duration.between(session.getStartedAt(), session.getEndedAt()).toSeconds());
        }
    }

    private static Map<String, Object> license(LicenseState license) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("license_id", license.getLicenseId().toString());
        view.put("key", license.getKey());
        view.put("tier", license.getTier().name());
        view.put("features", List.copyOf(license.getFeatures()));
        view.put("expiry_date", license.getExpiryDate().toString());
        view.put("active", license.getActive());
        return view;
    }

    private static Map<String, Object> tenant(TenantSettings settings) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("plan", settings.getPlan().name());
        view.put("max_seats", settings.getMaxSeats());
        view.put("session_ttl_seconds", settings.getSessionTtlSeconds());
        view.put("seats_in_use", settings.getSeatsInUse());
        return view;
    }
}
