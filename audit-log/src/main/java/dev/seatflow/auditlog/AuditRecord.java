package dev.seatflow.auditlog;

import dev.seatflow.schemas.event.LicenseEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One audit row: the original design's columns (tenant, user, action, resource, metadata, created
 * at) plus event id, sequence and origin. {@link #canonical()} is what the hash chain covers.
 */
public record AuditRecord(UUID eventId, String tenantId, long sequence, String userId, String actorRole, String action,
                          String resourceType, String resourceId, Map<String, Object> metadata, UUID commandId,
                          String ipAddress, String userAgent, Instant createdAt) {

    public static AuditRecord of(LicenseEvent event) {
        return new AuditRecord(event.getEventId(), event.getTenantId(), event.getSequence(), event.getActor().getUserId(),
                event.getActor().getRole().name(), event.getAction().name(), event.getResourceType().name(),
                event.getResourceId(), EventMetadata.of(event), event.getCommandId(),
                event.getOrigin() == null ? null : event.getOrigin().getIp(),
                event.getOrigin() == null ? null : event.getOrigin().getUserAgent(),
                event.getOccurredAt());
    }

    /** Every column the chain protects, by name; absent values are JSON null. */
    public Map<String, Object> canonical() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", eventId.toString());
        row.put("tenant_id", tenantId);
        row.put("sequence", sequence);
        row.put("user_id", userId);
        row.put("actor_role", actorRole);
        row.put("action", action);
        row.put("resource_type", resourceType);
        row.put("resource_id", resourceId);
        row.put("metadata", metadata);
        row.put("command_id", commandId == null ? null : commandId.toString());
        row.put("ip_address", ipAddress);
        row.put("user_agent", userAgent);
        row.put("created_at", createdAt.toString());
        return row;
    }
}
