package dev.seatflow.gateway.seats;

import dev.seatflow.gateway.commands.CommandGateway;
import dev.seatflow.gateway.commands.CommandIds;
import dev.seatflow.gateway.commands.Refusals;
import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.config.GatewaySettings.HeartbeatPath;
import dev.seatflow.gateway.licenses.LicenseViews.License;
import dev.seatflow.gateway.mirror.MirrorReads;
import dev.seatflow.gateway.mirror.MirroredSettings;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.seats.SeatViews.Session;
import dev.seatflow.gateway.signing.LicenseSigning;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Page;
import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.signing.SignedLicense;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Acquire, heartbeat and release through the processor; session and seat reads from the mirror. */
@Service
public class SeatService {

    private final CommandGateway commands;
    private final LicenseSigning signing;
    private final MirrorReads mirror;
    private final HeartbeatPath heartbeatPath;

    public SeatService(CommandGateway commands, LicenseSigning signing, MirrorReads mirror, GatewaySettings settings) {
        this.commands = commands;
        this.signing = signing;
        this.mirror = mirror;
        this.heartbeatPath = settings.heartbeatPath();
    }

    public Mono<ResponseEntity<Session>> acquire(Caller caller, Origin origin, String idempotencyKey, SeatViews.AcquireRequest request) {
        return commands.submit(caller, origin, CommandIds.of(caller, "acquire", idempotencyKey), new AcquireSeat(request.licenseKey(), request.hardwareId()))
                .flatMap(decision -> switch (decision.getOutcome()) {
                    case GRANTED -> signed(decision).map(session -> ResponseEntity.status(HttpStatus.CREATED).body(session));
                    case EXISTING_SESSION -> signed(decision).map(ResponseEntity::ok);
                    default -> Mono.error(Refusals.of(decision, ErrorCode.LICENSE_NOT_FOUND));
                });
    }

    /** @param lease whether to answer with a refreshed signed lease (valid until the new expiry) */
    public Mono<SeatViews.HeartbeatResponse> heartbeat(Caller caller, Origin origin, String idempotencyKey, UUID sessionId, boolean lease) {
        return heartbeatPath == HeartbeatPath.ACCEPTED ? acceptHeartbeat(caller, origin, idempotencyKey, sessionId, lease)
                : decideHeartbeat(caller, origin, idempotencyKey, sessionId, lease);
    }

    private Mono<SeatViews.HeartbeatResponse> decideHeartbeat(Caller caller, Origin origin, String idempotencyKey, UUID sessionId,
                                                              boolean lease) {
        return commands.submit(caller, origin, CommandIds.of(caller, "heartbeat", idempotencyKey), new Heartbeat(sessionId))
                .flatMap(decision -> {
                    if (decision.getOutcome() != Outcome.EXTENDED) {
                        return Mono.error(Refusals.of(decision, ErrorCode.SESSION_NOT_FOUND));
                    }
                    SessionState session = decision.getSession();
                    SeatViews.HeartbeatResponse response = new SeatViews.HeartbeatResponse(session.getSessionId(),
                            session.getLastHeartbeatAt(), session.getExpiresAt(), true, null);
                    if (!lease) {
                        return Mono.just(response);
                    }
                    // Decisions carry the license's terms since decider version 3; a reply without them
                    // (an older processor during an upgrade) takes the terms from the mirror.
                    return decision.getLicense() != null && decision.getTenant() != null
                            ? lease(decision).map(response::withLease)
                            : withLease(caller, response, session.getLicenseId().toString(), session.getHardwareId());
                });
    }

    /**
     * The accepted heartbeat path: when the mirror shows the caller's own live session (what the
     * processor requires), answer as soon as Kafka has the command; the expiry counts from the
     * command's append time, the time the processor decides it at, so it is never later than the
     * expiry the processor then records (nor, then, is a lease's end). Anything else
     * (unknown, ended, lapsed, someone else's) takes the decided path and gets its exact refusal.
     */
    private Mono<SeatViews.HeartbeatResponse> acceptHeartbeat(Caller caller, Origin origin, String idempotencyKey, UUID sessionId,
                                                              boolean lease) {
        return Mono.zip(mirror.hash(mirror.keys().session(caller.tenantId(), sessionId.toString())), mirror.hash(mirror.keys().settings(caller.tenantId())))
                .flatMap(found -> {
                    Map<String, String> session = found.getT1();
                    if (!caller.tenantId().equals(session.get("tenant_id")) || !caller.userId().equals(session.get("user_id"))) {
                        return decideHeartbeat(caller, origin, idempotencyKey, sessionId, lease);
                    }
                    long ttl = MirroredSettings.of(found.getT2()).sessionTtlSeconds();
                    return commands.publishOnly(caller, origin, CommandIds.of(caller, "heartbeat", idempotencyKey), new Heartbeat(sessionId))
                            .map(at -> new SeatViews.HeartbeatResponse(sessionId, at, at.plusSeconds(ttl), true, null))
                            .flatMap(response -> lease ? withLease(caller, response, session.get("license_id"), session.get("hardware_id"))
                                    : Mono.just(response));
                });
    }

    /**
     * The license's terms and the tenant's offline grace from the mirror: for the accepted path,
     * which has no decision, and for replies of processors before decider version 3.
     */
    private Mono<SeatViews.HeartbeatResponse> withLease(Caller caller, SeatViews.HeartbeatResponse response, String licenseId,
                                                        String hardwareId) {
        return Mono.zip(mirror.hash(mirror.keys().license(caller.tenantId(), licenseId)), mirror.hash(mirror.keys().settings(caller.tenantId())))
                .flatMap(found -> found.getT1().isEmpty()
                        ? Mono.error(new ApiException(ErrorCode.LICENSE_NOT_FOUND, "the session's license no longer exists"))
                        : signing.sign(Leases.payload(caller.tenantId(), response.id(), hardwareId, License.fromMirror(found.getT1()),
                                response.lastHeartbeatAt(), response.expiresAt(), MirroredSettings.of(found.getT2()).offlineGrace())))
                .map(response::withLease);
    }

    public Mono<SeatViews.ReleaseResponse> release(Caller caller, Origin origin, String idempotencyKey, UUID sessionId) {
        return commands.submit(caller, origin, CommandIds.of(caller, "release", idempotencyKey), new ReleaseSeat(sessionId))
                .flatMap(decision -> switch (decision.getOutcome()) {
                    case RELEASED -> Mono.just(new SeatViews.ReleaseResponse("License released successfully",
                            sessionId, decision.getSession().getEndedAt()));
                    case ALREADY_ENDED -> Mono.just(new SeatViews.ReleaseResponse("Session already ended",
                            sessionId, decision.getSession().getEndedAt()));
                    default -> Mono.error(Refusals.of(decision, ErrorCode.SESSION_NOT_FOUND));
                });
    }

    /**
     * Live sessions by start time: a member sees their own (their index), admins and owners
     * everyone's (the tenant's). One page is read from the index, not every session of the tenant.
     */
    public Mono<Page<Session>> sessions(Caller caller, String cursor, Integer limit) {
        int size = Page.size(limit);
        String index = caller.isAtLeast(Role.ADMIN) ? mirror.keys().sessionsByStart(caller.tenantId())
                : mirror.keys().userSessionsByStart(caller.tenantId(), caller.userId());
        return mirror.indexPage(index, Page.after(cursor), size)
                .flatMap(page -> {
                    List<String> ids = page.ids();
                    return mirror.hashes(ids.stream().map(id -> mirror.keys().session(caller.tenantId(), id)).toList())
                            .map(hashes -> {
                                List<Session> sessions = new ArrayList<>();
                                for (int i = 0; i < ids.size(); i++) {
                                    Map<String, String> hash = hashes.get(i);
                                    // A lapsed session's hash expires before its end event leaves the index:
                                    // that page is one shorter, and the cursor still goes on after it.
                                    if (!hash.isEmpty() && caller.tenantId().equals(hash.get("tenant_id"))) {
                                        sessions.add(Session.fromMirror(ids.get(i), hash));
                                    }
                                }
                                return new Page<>(sessions, Page.cursorAfter(page.last(), page.more()));
                            });
                });
    }

    public Mono<SeatViews.Seats> seats(Caller caller) {
        return Mono.zip(mirror.hash(mirror.keys().settings(caller.tenantId())), mirror.get(mirror.keys().seatCount(caller.tenantId()))
                        .defaultIfEmpty("0"))
                .map(result -> {
                    MirroredSettings settings = MirroredSettings.of(result.getT1());
                    int inUse = Integer.parseInt(result.getT2());
                    return new SeatViews.Seats(settings.plan().name(), settings.maxSeats(), inUse, Math.max(0, settings.maxSeats() - inUse),
                            settings.sessionTtlSeconds());
                });
    }

    private Mono<Session> signed(SeatDecision decision) {
        return lease(decision).map(signed -> Session.of(decision.getSession(), signed));
    }

    /**
     * The session's lease, signed with the license's terms and the tenant's grace that the decision
     * carries (a granted acquire's, an extended heartbeat's), valid from the decision's time.
     */
    private Mono<SignedLicense> lease(SeatDecision decision) {
        SessionState session = decision.getSession();
        return signing.sign(Leases.payload(decision.getTenantId(), session.getSessionId(), session.getHardwareId(),
                License.of(decision.getLicense()), decision.getDecidedAt(), session.getExpiresAt(),
                Duration.ofSeconds(decision.getTenant().getOfflineGraceSeconds())));
    }
}
