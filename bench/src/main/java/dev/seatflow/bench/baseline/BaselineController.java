package dev.seatflow.bench.baseline;

import dev.seatflow.gateway.licenses.LicenseKeys;
import dev.seatflow.gateway.licenses.LicenseViews;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.security.Roles;
import dev.seatflow.gateway.seats.SeatViews;
import dev.seatflow.gateway.signing.LicenseSigning;
import dev.seatflow.gateway.tenant.TenantController;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Requests;
import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.Tier;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The endpoints the harness uses, with Seatflow's paths, bodies and problem codes, doing per
 * request what the original design did: the blocking part on the worker pool, then the same
 * signer as the gateway (also off the event loop).
 */
@RestController
@RequestMapping("/api/v1")
class BaselineController {

    private final BaselineStore store;
    private final Scheduler workers;
    private final LicenseSigning signing;

    BaselineController(BaselineStore store, Scheduler baselineWorkers, LicenseSigning signing) {
        this.store = store;
        this.workers = baselineWorkers;
        this.signing = signing;
    }

    @PostMapping("/licenses/acquire")
    Mono<ResponseEntity<SeatViews.Session>> acquire(Caller caller, ServerHttpRequest request, @Valid @RequestBody SeatViews.AcquireRequest body) {
        var origin = Requests.origin(request);
        return Roles.require(caller, Role.MEMBER)
                .then(blocking(() -> store.acquire(caller, origin, body.licenseKey(), body.hardwareId())))
                .flatMap(acquired -> signing.sign(payload(caller, acquired)).map(signed -> {
                    BaselineStore.Session s = acquired.session();
                    var session = new SeatViews.Session(s.id(), s.licenseId(), s.licenseKey(), s.userId(), s.hardwareId(), s.startedAt(),
                            s.lastHeartbeatAt(), s.lastHeartbeatAt().plusSeconds(BaselineStore.SESSION_TTL_SECONDS), true, signed);
                    return ResponseEntity.status(acquired.created() ? HttpStatus.CREATED : HttpStatus.OK).body(session);
                }));
    }

    @PatchMapping("/licenses/sessions/{id}/heartbeat")
    Mono<SeatViews.HeartbeatResponse> heartbeat(Caller caller, @PathVariable String id) {
        UUID sessionId = Requests.id(id, ErrorCode.SESSION_NOT_FOUND);
        return blocking(() -> store.heartbeat(caller, sessionId)).map(s -> new SeatViews.HeartbeatResponse(s.id(), s.lastHeartbeatAt(),
                s.lastHeartbeatAt().plusSeconds(BaselineStore.SESSION_TTL_SECONDS), true, null));
    }

    @DeleteMapping("/licenses/sessions/{id}")
    Mono<SeatViews.ReleaseResponse> release(Caller caller, @PathVariable String id) {
        UUID sessionId = Requests.id(id, ErrorCode.SESSION_NOT_FOUND);
        Instant asked = Instant.now();
        return blocking(() -> store.release(caller, sessionId)).map(s -> new SeatViews.ReleaseResponse(
                s.endedAt().isBefore(asked) ? "Session already ended" : "License released successfully", s.id(), s.endedAt()));
    }

    @GetMapping("/seats")
    Mono<SeatViews.Seats> seats(Caller caller) {
        return Roles.require(caller, Role.MEMBER).then(blocking(() -> store.seats(caller.tenantId()))).map(row -> {
            int max = (Integer) row[1];
            int inUse = (Integer) row[3];
            return new SeatViews.Seats((String) row[0], max, inUse, Math.max(0, max - inUse), (Integer) row[2]);
        });
    }

    @PatchMapping("/tenant")
    Mono<TenantController.Tenant> configure(Caller caller, @Valid @RequestBody TenantController.TenantChange change) {
        Plan plan = change.plan() == null ? Plan.ENTERPRISE : change.plan();
        int maxSeats = change.maxSeats() == null ? 1 : change.maxSeats();
        int ttl = change.sessionTtlSeconds() == null ? 360 : change.sessionTtlSeconds();
        return Roles.require(caller, Role.OWNER)
                .then(blocking(() -> {
                    store.configureTenant(caller.tenantId(), plan.name(), maxSeats, ttl);
                    // The original design has no offline grace (its licenses carry no validity window)
                    // and no limit of sessions per user.
                    return new TenantController.Tenant(caller.tenantId(), plan, maxSeats, ttl, 0, 0, TenantLimits.NO_SESSION_LIMIT);
                }));
    }

    @PostMapping("/licenses")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<LicenseViews.License> create(Caller caller, @Valid @RequestBody LicenseViews.CreateLicenseRequest body) {
        UUID id = UUID.randomUUID();
        String key = LicenseKeys.generate();
        List<String> features = body.features() == null ? List.of() : List.copyOf(body.features());
        Tier tier = body.tier();
        return Roles.require(caller, Role.ADMIN)
                .then(blocking(() -> {
                    store.createLicense(caller.tenantId(), id, key, tier.name(), features, body.expiryDate());
                    Instant now = Instant.now();
                    return new LicenseViews.License(id, key, tier, features, body.expiryDate(), true, TenantLimits.NO_SESSION_LIMIT, now, now);
                }));
    }

    /** The same payload as the gateway's, so both sign the same number of bytes. */
    private static Map<String, Object> payload(Caller caller, BaselineStore.Acquired acquired) {
        BaselineStore.License license = acquired.license();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "lease");
        payload.put("session_id", acquired.session().id().toString());
        payload.put("license_id", license.id().toString());
        payload.put("license_key", license.key());
        payload.put("tenant_id", caller.tenantId());
        payload.put("hardware_id", acquired.session().hardwareId());
        payload.put("tier", license.tier());
        payload.put("features", license.features());
        payload.put("expiry_date", license.expiryDate().toString());
        Instant issuedAt = acquired.session().lastHeartbeatAt();
        payload.put("issued_at", issuedAt.toString());
        payload.put("not_before", issuedAt.toString());
        payload.put("not_after", issuedAt.plusSeconds(BaselineStore.SESSION_TTL_SECONDS).toString());
        return payload;
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work)
                .subscribeOn(workers)
                .onErrorMap(e -> !(e instanceof ApiException), e -> new ApiException(ErrorCode.INTERNAL_ERROR, "baseline failed: " + e.getMessage(), e));
    }
}
