package dev.seatflow.auditlog;

import io.r2dbc.spi.Connection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Each tenant's chain head, locked for the transaction that appends after it. */
final class ChainHeads {

    record Head(long lastSequence, byte[] lastHash, boolean exists) {
    }

    private ChainHeads() {
    }

    static Mono<Head> lock(Connection connection, String tenant) {
        return Flux.from(connection.createStatement("SELECT last_sequence, last_hash FROM audit_chain_heads WHERE tenant_id = $1 FOR UPDATE")
                        .bind("$1", tenant).execute())
                .flatMap(result -> result.map((row, meta) -> new Head(row.get("last_sequence", Long.class), bytes(row.get("last_hash")), true)))
                .next()
                .defaultIfEmpty(new Head(0, AuditChain.GENESIS, false));
    }

    static Mono<Void> advance(Connection connection, String tenant, long sequence, byte[] hash, boolean exists) {
        String sql = exists
                ? "UPDATE audit_chain_heads SET last_sequence = $2, last_hash = $3, updated_at = now() WHERE tenant_id = $1"
                : "INSERT INTO audit_chain_heads (tenant_id, last_sequence, last_hash) VALUES ($1, $2, $3)";
        return Flux.from(connection.createStatement(sql).bind("$1", tenant).bind("$2", sequence).bind("$3", hash).execute())
                .flatMap(result -> result.getRowsUpdated()).then();
    }

    static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] array = new byte[buffer.remaining()];
            buffer.get(array);
            return array;
        }
        throw new IllegalStateException("unexpected bytea value " + value);
    }
}
