package dev.seatflow.gateway.seats;

import dev.seatflow.gateway.commands.CommandIds;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.security.Roles;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.gateway.seats.SeatViews.Session;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Page;
import dev.seatflow.gateway.web.Problems;
import dev.seatflow.gateway.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "seats", description = "Acquire, keep and release floating seats")
public class SeatController {

    private final SeatService seats;

    public SeatController(SeatService seats) {
        this.seats = seats;
    }

    @PostMapping("/licenses/acquire")
    @Operation(summary = "Acquire a seat of a license for a machine (member+)")
    @ApiResponse(responseCode = "201", description = "New session with a signed license")
    @ApiResponse(responseCode = "200", description = "The caller's live session on this machine, again")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.LICENSE_INACTIVE, ErrorCode.LICENSE_EXPIRED,
            ErrorCode.LICENSE_NOT_FOUND, ErrorCode.SEATS_EXHAUSTED, ErrorCode.SESSION_LIMIT_REACHED, ErrorCode.IDEMPOTENCY_KEY_REUSE,
            ErrorCode.DECISION_PENDING, ErrorCode.KAFKA_UNAVAILABLE})
    public Mono<ResponseEntity<Session>> acquire(Caller caller, ServerHttpRequest request,
                                                 @Parameter(description = "Retries with the same key get the first answer")
                                                 @RequestHeader(name = CommandIds.HEADER, required = false) String idempotencyKey,
                                                 @Valid @RequestBody SeatViews.AcquireRequest body) {
        return seats.acquire(caller, Requests.origin(request), idempotencyKey, body);
    }

    @PatchMapping("/licenses/sessions/{id}/heartbeat")
    @Operation(summary = "Keep the caller's session alive (send every TTL/2); with lease=true the answer carries a "
            + "signed lease valid until the new expiry: ask for one when the app needs to keep working offline "
            + "(before the current lease's not_after), not on every heartbeat")
    @Problems({ErrorCode.SESSION_NOT_FOUND, ErrorCode.SESSION_GONE, ErrorCode.LICENSE_NOT_FOUND, ErrorCode.DECISION_PENDING,
            ErrorCode.KAFKA_UNAVAILABLE, ErrorCode.SIGNING_UNAVAILABLE})
    public Mono<SeatViews.HeartbeatResponse> heartbeat(Caller caller, ServerHttpRequest request, @PathVariable String id,
                                                       @RequestHeader(name = CommandIds.HEADER, required = false) String idempotencyKey,
                                                       @RequestParam(name = "lease", defaultValue = "false") boolean lease) {
        return seats.heartbeat(caller, Requests.origin(request), idempotencyKey, Requests.id(id, ErrorCode.SESSION_NOT_FOUND), lease);
    }

    @DeleteMapping("/licenses/sessions/{id}")
    @Operation(summary = "Release a session (its user, or an admin); releasing twice is not an error")
    @Problems({ErrorCode.SESSION_NOT_FOUND, ErrorCode.IDEMPOTENCY_KEY_REUSE, ErrorCode.DECISION_PENDING, ErrorCode.KAFKA_UNAVAILABLE})
    public Mono<SeatViews.ReleaseResponse> release(Caller caller, ServerHttpRequest request, @PathVariable String id,
                                                   @RequestHeader(name = CommandIds.HEADER, required = false) String idempotencyKey) {
        return seats.release(caller, Requests.origin(request), idempotencyKey, Requests.id(id, ErrorCode.SESSION_NOT_FOUND));
    }

    @GetMapping("/licenses/sessions")
    @Operation(summary = "Live sessions: members see their own, admins everyone's")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.REDIS_UNAVAILABLE})
    public Mono<Page<Session>> sessions(Caller caller, @RequestParam(required = false) String cursor,
                                        @RequestParam(required = false) Integer limit) {
        return Roles.require(caller, Role.MEMBER).then(seats.sessions(caller, cursor, limit));
    }

    @GetMapping("/seats")
    @Operation(summary = "Seat cap, seats in use and seats available")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.REDIS_UNAVAILABLE})
    public Mono<SeatViews.Seats> seats(Caller caller) {
        return Roles.require(caller, Role.MEMBER).then(seats.seats(caller));
    }
}
