package dev.seatflow.auditlog;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Walks a tenant's chain in sequence order, streaming, and recomputes every hash: an altered row,
 * a removed one (in the middle or at the end) or rows in another order all show up as problems.
 */
public final class AuditVerifier {

    private static final int MAX_PROBLEMS = 100;

    public record Problem(long sequence, String problem) {
    }

    public record Verification(String tenantId, boolean valid, long rows, long lastSequence, String chainHead, List<Problem> problems) {
    }

    private final ConnectionFactory connections;

    public AuditVerifier(ConnectionFactory connections) {
        this.connections = connections;
    }

    public Mono<Verification> verify(String tenant) {
        return Mono.usingWhen(Mono.from(connections.create()), connection -> verify(connection, tenant), Connection::close);
    }

    private Mono<Verification> verify(Connection connection, String tenant) {
        Walk walk = new Walk();
        Flux<AuditRow> rows = Flux.from(connection.createStatement("SELECT " + AuditRow.COLUMNS
                                + " FROM audit_logs WHERE tenant_id = $1 ORDER BY sequence")
                        .bind("$1", tenant).fetchSize(1000).execute())
                .concatMap(result -> result.map(AuditRow::read));
        Mono<ChainHeads.Head> head = Flux.from(connection.createStatement("SELECT last_sequence, last_hash FROM audit_chain_heads WHERE tenant_id = $1")
                        .bind("$1", tenant).execute())
                .flatMap(result -> result.map((row, meta) -> new ChainHeads.Head(row.get("last_sequence", Long.class),
                        ChainHeads.bytes(row.get("last_hash")), true)))
                .next()
                .defaultIfEmpty(new ChainHeads.Head(0, AuditChain.GENESIS, false));
        return rows.doOnNext(walk::step).then(head).map(recorded -> walk.finish(tenant, recorded));
    }

    /** The walk's state: what the next row must link to. */
    private static final class Walk {
        private final List<Problem> problems = new ArrayList<>();
        private byte[] previous = AuditChain.GENESIS;
        private long expectedSequence = 1;
        private long rows;

        void step(AuditRow row) {
            long sequence = row.record().sequence();
            rows++;
            if (sequence != expectedSequence) {
                problem(sequence, "expected sequence " + expectedSequence + " (rows missing or out of order)");
            }
            if (!Arrays.equals(row.prevHash(), previous)) {
                problem(sequence, "prev_hash does not match the hash of the row before");
            }
            if (!Arrays.equals(AuditChain.hash(row.prevHash(), row.record().canonical()), row.hash())) {
                problem(sequence, "row content does not match its hash (altered)");
            }
            previous = row.hash();
            expectedSequence = sequence + 1;
        }

        Verification finish(String tenant, ChainHeads.Head head) {
            long last = expectedSequence - 1;
            if (head.exists() && (head.lastSequence() != last || !Arrays.equals(head.lastHash(), previous))) {
                problem(head.lastSequence(), "the chain head says sequence " + head.lastSequence()
                        + " but the log ends at " + last + " (rows removed at the end?)");
            }
            return new Verification(tenant, problems.isEmpty(), rows, last, AuditChain.hex(previous), List.copyOf(problems));
        }

        private void problem(long sequence, String text) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(sequence, text));
            }
        }
    }
}
