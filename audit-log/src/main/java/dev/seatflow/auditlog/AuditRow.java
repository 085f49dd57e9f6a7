package dev.seatflow.auditlog;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A stored audit row: the record and its place in the chain. */
public record AuditRow(AuditRecord record, byte[] prevHash, byte[] hash) {

    static final String COLUMNS = "event_id, tenant_id, sequence, user_id, actor_role, action, resource_type, resource_id, "
            + "metadata, command_id, ip_address, user_agent, created_at, prev_hash, hash";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    static AuditRow read(Readable row) {
        Json metadata = row.get("metadata", Json.class);
        AuditRecord record = new AuditRecord(row.get("event_id", UUID.class), row.get("tenant_id", String.class),
                row.get("sequence", Long.class), row.get("user_id", String.class), row.get("actor_role", String.class),
                row.get("action", String.class), row.get("resource_type", String.class), row.get("resource_id", String.class),
                JSON.readValue(metadata.asString(), MAP), row.get("command_id", UUID.class), row.get("ip_address", String.class),
                row.get("user_agent", String.class), row.get("created_at", OffsetDateTime.class).toInstant());
        return new AuditRow(record, ChainHeads.bytes(row.get("prev_hash")), ChainHeads.bytes(row.get("hash")));
    }
}
