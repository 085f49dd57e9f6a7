package dev.seatflow.auditlog;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit log as clients read it: newest first, filtered, in keyset pages by sequence. */
public final class AuditQueries {

    public record Filter(String action, String userId, String resourceType, String resourceId, Instant from, Instant to) {
    }

    public record Entry(UUID id, long sequence, String action, String userId, String actorRole, String resourceType,
                        String resourceId, Map<String, Object> metadata, UUID commandId, String ipAddress, String userAgent,
                        Instant createdAt, String hash) {

        static Entry of(AuditRow row) {
            AuditRecord r = row.record();
            return new Entry(r.eventId(), r.sequence(), r.action(), r.userId(), r.actorRole(), r.resourceType(), r.resourceId(),
                    r.metadata(), r.commandId(), r.ipAddress(), r.userAgent(), r.createdAt(), AuditChain.hex(row.hash()));
        }
    }

    /** @param nextBefore pass as {@code before} for the next (older) page; null on the last page */
    public record EntryPage(List<Entry> items, Long nextBefore) {
    }

    private final ConnectionFactory connections;

    public AuditQueries(ConnectionFactory connections) {
        this.connections = connections;
    }

    public Mono<EntryPage> page(String tenant, Filter filter, Long before, int limit) {
        List<Object> values = new ArrayList<>(List.of(tenant));
        StringBuilder sql = new StringBuilder("SELECT " + AuditRow.COLUMNS + " FROM audit_logs WHERE tenant_id = $1");
        condition(sql, values, "action = ", filter.action());
        condition(sql, values, "user_id = ", filter.userId());
        condition(sql, values, "resource_type = ", filter.resourceType());
        condition(sql, values, "resource_id = ", filter.resourceId());
        condition(sql, values, "created_at >= ", filter.from() == null ? null : ReadModels.utc(filter.from()));
        condition(sql, values, "created_at < ", filter.to() == null ? null : ReadModels.utc(filter.to()));
        condition(sql, values, "sequence < ", before);
        sql.append(" ORDER BY sequence DESC LIMIT ").append(limit + 1);
        return Mono.usingWhen(Mono.from(connections.create()), connection -> {
            Statement statement = connection.createStatement(sql.toString());
            for (int i = 0; i < values.size(); i++) {
                statement.bind("$" + (i + 1), values.get(i));
            }
            return Flux.from(statement.execute()).concatMap(result -> result.map(AuditRow::read)).map(Entry::of).collectList();
        }, Connection::close).map(rows -> rows.size() > limit
                ? new EntryPage(rows.subList(0, limit), rows.get(limit - 1).sequence())
                : new EntryPage(rows, null));
    }

    private static void condition(StringBuilder sql, List<Object> values, String clause, Object value) {
        if (value != null) {
            values.add(value);
            sql.append(" AND ").append(clause).append('$').append(values.size());
        }
    }
}
