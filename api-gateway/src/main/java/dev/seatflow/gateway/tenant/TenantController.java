package dev.seatflow.gateway.tenant;

import dev.seatflow.gateway.commands.CommandGateway;
import dev.seatflow.gateway.commands.CommandIds;
import dev.seatflow.gateway.commands.Refusals;
import dev.seatflow.gateway.mirror.MirrorReads;
import dev.seatflow.gateway.mirror.MirroredSettings;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.security.Roles;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Problems;
import dev.seatflow.gateway.web.Requests;
import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's tenant: plan, seat cap, session TTL and offline grace (read: member+, change: owner). */
@RestController
@RequestMapping("/api/v1/tenant")
@Tag(name = "tenant")
public class TenantController {

    private final CommandGateway commands;
    private final MirrorReads mirror;

    public TenantController(CommandGateway commands, MirrorReads mirror) {
        this.commands = commands;
        this.mirror = mirror;
    }

    /**
     * @param offlineGraceSeconds how long a signed lease stays valid past its session's expiry
     * @param maxSessionsPerUser most live sessions one user may hold across the tenant (0: no limit)
     */
    public record Tenant(String tenantId, Plan plan, int maxSeats, int sessionTtlSeconds, int seatsInUse, int offlineGraceSeconds,
                         int maxSessionsPerUser) {

        static Tenant of(String tenantId, TenantSettings settings) {
            return new Tenant(tenantId, settings.getPlan(), settings.getMaxSeats(), settings.getSessionTtlSeconds(),
                    settings.getSeatsInUse(), settings.getOfflineGraceSeconds(), settings.getMaxSessionsPerUser());
        }
    }

    /** Only the fields given change; max_seats only on ENTERPRISE. The processor checks the same bounds. */
    public record TenantChange(Plan plan, @Min(1) @Max(TenantLimits.MAX_SEATS) Integer maxSeats,
                               @Min(TenantLimits.MIN_SESSION_TTL_SECONDS) @Max(TenantLimits.MAX_SESSION_TTL_SECONDS) Integer sessionTtlSeconds,
                               @Min(0) @Max(TenantLimits.MAX_OFFLINE_GRACE_SECONDS) Integer offlineGraceSeconds,
                               @Min(0) @Max(TenantLimits.MAX_SEATS) Integer maxSessionsPerUser) {
    }

    @GetMapping
    @Operation(operationId = "getTenant", summary = "The caller's tenant settings and seat usage")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.REDIS_UNAVAILABLE})
    public Mono<Tenant> get(Caller caller) {
        return Roles.require(caller, Role.MEMBER).then(Mono.zip(
                        mirror.hash(mirror.keys().settings(caller.tenantId())),
                        mirror.get(mirror.keys().seatCount(caller.tenantId())).defaultIfEmpty("0")))
                .map(result -> {
                    MirroredSettings settings = MirroredSettings.of(result.getT1());
                    return new Tenant(caller.tenantId(), settings.plan(), settings.maxSeats(), settings.sessionTtlSeconds(),
                            Integer.parseInt(result.getT2()), settings.offlineGraceSeconds(), settings.maxSessionsPerUser());
                });
    }

    @PatchMapping
    @Operation(operationId = "changeTenant", summary = "Change plan, seat cap (ENTERPRISE), session TTL, offline grace or sessions per user (owner)")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.IDEMPOTENCY_KEY_REUSE, ErrorCode.DECISION_PENDING,
            ErrorCode.KAFKA_UNAVAILABLE})
    public Mono<Tenant> change(Caller caller, ServerHttpRequest request,
                               @RequestHeader(name = CommandIds.HEADER, required = false) String idempotencyKey,
                               @Valid @RequestBody TenantChange change) {
        if (change.plan() == null && change.maxSeats() == null && change.sessionTtlSeconds() == null && change.offlineGraceSeconds() == null
                && change.maxSessionsPerUser() == null) {
            return Mono.error(new ApiException(ErrorCode.INVALID_REQUEST,
                    "give at least one of plan, max_seats, session_ttl_seconds, offline_grace_seconds, max_sessions_per_user"));
        }
        return Roles.require(caller, Role.OWNER)
                .then(Mono.defer(() -> commands.submit(caller, Requests.origin(request), CommandIds.of(caller, "configure-tenant", idempotencyKey),
                        new ConfigureTenant(change.plan(), change.maxSeats(), change.sessionTtlSeconds(), change.offlineGraceSeconds(),
                                change.maxSessionsPerUser()))))
                .flatMap(decision -> {
                    if (decision.getOutcome() != Outcome.CONFIGURED) {
                        return Mono.error(Refusals.of(decision, ErrorCode.NOT_FOUND));
                    }
                    return Mono.just(Tenant.of(caller.tenantId(), decision.getTenant()));
                });
    }
}
