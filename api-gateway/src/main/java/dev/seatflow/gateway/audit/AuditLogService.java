package dev.seatflow.gateway.audit;

import dev.seatflow.auditlog.AuditExporter;
import dev.seatflow.auditlog.AuditQueries;
import dev.seatflow.auditlog.AuditVerifier;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.signing.LicenseSigner;
import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Audit log reads for a tenant's admins: queries, streamed exports with a signed manifest, chain checks. */
@Service
public class AuditLogService {

    private final AuditQueries queries;
    private final AuditExporter exporter;
    private final AuditVerifier verifier;
    private final LicenseSigner signer;
    private final Clock clock;

    public AuditLogService(ConnectionPool pool, LicenseSigner signer, Clock clock) {
        this.queries = new AuditQueries(pool);
        this.exporter = new AuditExporter(pool);
        this.verifier = new AuditVerifier(pool);
        this.signer = signer;
        this.clock = clock;
    }

    public Mono<AuditQueries.EntryPage> page(String tenant, AuditQueries.Filter filter, Long before, int limit) {
        return queries.page(tenant, filter, before, limit).onErrorMap(AuditLogService::unavailable);
    }

    public Mono<AuditVerifier.Verification> verify(String tenant) {
        return verifier.verify(tenant).onErrorMap(AuditLogService::unavailable);
    }

    /** The manifest (fixed and signed first) and the rows it describes, streamed. */
    public Mono<Export> export(String tenant, java.time.Instant from, java.time.Instant to, AuditExporter.Format format) {
        return exporter.manifest(tenant, from, to, format, clock.instant())
                .onErrorMap(AuditLogService::unavailable)
                .flatMap(manifest -> Mono.fromCallable(() -> AuditExporter.SignedManifest.sign(manifest,
                                Map.of("key_id", signer.keyId(), "algorithm", signer.algorithm()), signer))
                        .subscribeOn(Schedulers.boundedElastic()))
                .map(signed -> new Export(signed, exporter.lines(signed.manifest())));
    }

    public record Export(AuditExporter.SignedManifest manifest, Flux<String> lines) {
    }

    private static Throwable unavailable(Throwable error) {
        return error instanceof ApiException ? error
                : new ApiException(ErrorCode.POSTGRES_UNAVAILABLE, "the audit store is unavailable; retry shortly", error)
                .retryAfter(Duration.ofSeconds(5));
    }
}
