package dev.seatflow.auditlog;

import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.signing.CanonicalJson;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appends a batch of events to the audit log, inside the caller's transaction: per tenant, in
 * sequence order, each row chained to the one before; events at or below the tenant's chain head
 * are redeliveries and skipped; a jump in sequence is recorded as a gap (never bridged silently)
 * before the chain goes on. Read models change in the same transaction.
 */
public final class AuditWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    public record Gap(String tenantId, long expected, long received) {
    }

    public record BatchResult(int appended, int duplicates, List<Gap> gaps) {
    }

    public Mono<BatchResult> append(Connection connection, List<LicenseEvent> events, List<SessionHeartbeat> heartbeats) {
        Map<String, List<LicenseEvent>> byTenant = new LinkedHashMap<>();
        events.forEach(event -> byTenant.computeIfAbsent(event.getTenantId(), t -> new ArrayList<>()).add(event));
        return Flux.fromIterable(byTenant.entrySet())
                .concatMap(tenant -> appendTenant(connection, tenant.getKey(), tenant.getValue()))
                .reduce(new BatchResult(0, 0, List.of()), AuditWriter::sum)
                .flatMap(result -> ReadModels.heartbeats(connection, heartbeats).thenReturn(result));
    }

    private Mono<BatchResult> appendTenant(Connection connection, String tenant, List<LicenseEvent> events) {
        return ChainHeads.lock(connection, tenant).flatMap(head -> {
            List<AuditRecord> rows = new ArrayList<>();
            List<byte[]> previous = new ArrayList<>();
            List<byte[]> hashes = new ArrayList<>();
            List<LicenseEvent> appended = new ArrayList<>();
            List<Gap> gaps = new ArrayList<>();
            long last = head.lastSequence();
            byte[] lastHash = head.lastHash();
            int duplicates = 0;
            for (LicenseEvent event : events) {
                if (event.getSequence() <= last) {
                    duplicates++;
                    continue;
                }
                if (event.getSequence() != last + 1) {
                    gaps.add(new Gap(tenant, last + 1, event.getSequence()));
                    log.error("audit gap in tenant {}: expected sequence {} but received {}", tenant, last + 1, event.getSequence());
                }
                AuditRecord row = AuditRecord.of(event);
                byte[] hash = AuditChain.hash(lastHash, row.canonical());
                rows.add(row);
                previous.add(lastHash);
                hashes.add(hash);
                appended.add(event);
                last = event.getSequence();
                lastHash = hash;
            }
            if (rows.isEmpty()) {
                return Mono.just(new BatchResult(0, duplicates, List.of()));
            }
            BatchResult result = new BatchResult(rows.size(), duplicates, gaps);
            return insertRows(connection, rows, previous, hashes)
                    .then(recordGaps(connection, gaps))
                    .then(ChainHeads.advance(connection, tenant, last, lastHash, head.exists()))
                    .then(ReadModels.apply(connection, appended))
                    .thenReturn(result);
        });
    }

    private static Mono<Void> insertRows(Connection connection, List<AuditRecord> rows, List<byte[]> previous, List<byte[]> hashes) {
        Statement insert = connection.createStatement("INSERT INTO audit_logs (event_id, tenant_id, sequence, user_id, actor_role, "
                + "action, resource_type, resource_id, metadata, command_id, ip_address, user_agent, created_at, prev_hash, hash) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)");
        for (int i = 0; i < rows.size(); i++) {
            AuditRecord row = rows.get(i);
            if (i > 0) {
                insert.add();
            }
            insert.bind("$1", row.eventId()).bind("$2", row.tenantId()).bind("$3", row.sequence());
            Binds.nullable(insert, "$4", row.userId(), String.class);
            insert.bind("$5", row.actorRole()).bind("$6", row.action()).bind("$7", row.resourceType()).bind("$8", row.resourceId())
                    .bind("$9", Json.of(CanonicalJson.canonicalize(row.metadata())));
            Binds.nullable(insert, "$10", row.commandId(), UUID.class);
            Binds.nullable(insert, "$11", row.ipAddress(), String.class);
            Binds.nullable(insert, "$12", row.userAgent(), String.class);
            insert.bind("$13", ReadModels.utc(row.createdAt())).bind("$14", previous.get(i)).bind("$15", hashes.get(i));
        }
        return Flux.from(insert.execute()).flatMap(result -> result.getRowsUpdated()).then();
    }

    private static Mono<Void> recordGaps(Connection connection, List<Gap> gaps) {
        return Flux.fromIterable(gaps).concatMap(gap -> Flux.from(connection.createStatement(
                        "INSERT INTO audit_sequence_gaps (tenant_id, expected, received) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind("$1", gap.tenantId()).bind("$2", gap.expected()).bind("$3", gap.received()).execute())
                .flatMap(result -> result.getRowsUpdated())).then();
    }

    private static BatchResult sum(BatchResult a, BatchResult b) {
        List<Gap> gaps = new ArrayList<>(a.gaps());
        gaps.addAll(b.gaps());
        return new BatchResult(a.appended() + b.appended(), a.duplicates() + b.duplicates(), gaps);
    }
}
