package dev.seatflow.gateway.audit;

import dev.seatflow.auditlog.AuditExporter;
import dev.seatflow.auditlog.AuditExports;
import dev.seatflow.auditlog.AuditQueries;
import dev.seatflow.auditlog.AuditVerifier;
import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.signing.LicenseSigner;
import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Audit log reads for a tenant's admins: queries (on the shared pool), streamed exports with a
 * signed manifest and chain checks (on the export pool, admitted by {@link ExportSlots}).
 */
@Service
public class AuditLogService {

    private static final Logger log = LoggerFactory.getLogger(AuditLogService.class);

    private final AuditQueries queries;
    private final AuditExporter exporter;
    private final AuditVerifier verifier;
    private final ExportSlots slots;
    private final Duration writeTimeout;
    private final LicenseSigner signer;
    private final Clock clock;

    public AuditLogService(ConnectionPool pool, ExportPool exportPool, GatewaySettings settings, LicenseSigner signer, Clock clock) {
        this.queries = new AuditQueries(pool);
        this.exporter = new AuditExporter(exportPool.connections());
        this.verifier = new AuditVerifier(exportPool.connections());
        this.slots = new ExportSlots(settings.exports().poolSize());
        this.writeTimeout = settings.exports().writeTimeout();
        this.signer = signer;
        this.clock = clock;
    }

    public Mono<AuditQueries.EntryPage> page(String tenant, AuditQueries.Filter filter, Long before, int limit) {
        return queries.page(tenant, filter, before, limit).onErrorMap(AuditLogService::unavailable);
    }

    public Mono<AuditVerifier.Verification> verify(String tenant) {
        return Mono.usingWhen(Mono.fromCallable(() -> slots.take(tenant)),
                slot -> verifier.verify(tenant).onErrorMap(AuditLogService::unavailable),
                AuditLogService::release, (slot, error) -> release(slot), AuditLogService::release);
    }

    /**
     * Fixes and signs the manifest, then hands the export to {@code send} (which writes the
     * response); the tenant's slot is held until that write ends, however it ends (done, failed,
     * the client gone), not merely until the rows are read.
     */
    public Mono<Void> export(String tenant, Instant from, Instant to, AuditExporter.Format format, Function<Export, Mono<Void>> send) {
        return Mono.usingWhen(Mono.fromCallable(() -> slots.take(tenant)),
                slot -> exporter.manifest(tenant, from, to, format, clock.instant())
                        .onErrorMap(AuditLogService::unavailable)
                        .flatMap(manifest -> Mono.fromCallable(() -> AuditExporter.SignedManifest.sign(manifest,
                                        Map.of(AuditExports.KEY_ID, signer.keyId(), AuditExports.ALGORITHM, signer.algorithm()), signer))
                                .subscribeOn(Schedulers.boundedElastic()))
                        .flatMap(signed -> send.apply(new Export(signed, lines(tenant, signed.manifest())))),
                AuditLogService::release, (slot, error) -> release(slot), AuditLogService::release);
    }

    /**
     * The rows, cut off when the client stops taking them: the response only asks for more rows
     * as the client reads, so a reader that stalls would otherwise hold its connection forever.
     * The answer is already under way then, so the connection is closed mid-body and the client
     * sees a truncated download, never a complete-looking one.
     */
    private Flux<String> lines(String tenant, AuditExporter.Manifest manifest) {
        return exporter.lines(manifest).timeout(writeTimeout).doOnError(TimeoutException.class, stalled ->
                log.warn("audit export of tenant {} cut off: its client took nothing for {}", tenant, writeTimeout));
    }

    private static Mono<Void> release(ExportSlots.Slot slot) {
        return Mono.fromRunnable(slot::release);
    }

    public record Export(AuditExporter.SignedManifest manifest, Flux<String> lines) {
    }

    private static Throwable unavailable(Throwable error) {
        return error instanceof ApiException ? error
                : new ApiException(ErrorCode.POSTGRES_UNAVAILABLE, "the audit store is unavailable; retry shortly", error)
                .retryAfter(Duration.ofSeconds(5));
    }
}
