package dev.seatflow.gateway.licenses;

import dev.seatflow.gateway.commands.CommandIds;
import dev.seatflow.gateway.licenses.LicenseViews.License;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.signing.SignedLicense;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Page;
import dev.seatflow.gateway.web.Problems;
import dev.seatflow.gateway.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/licenses")
@Tag(name = "licenses", description = "License administration")
public class LicenseController {

    private static final String KEY = CommandIds.HEADER;

    private final LicenseService licenses;

    public LicenseController(LicenseService licenses) {
        this.licenses = licenses;
    }

    @GetMapping
    @Operation(operationId = "listLicenses", summary = "The tenant's licenses (member+), oldest first")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.REDIS_UNAVAILABLE})
    public Mono<Page<License>> list(Caller caller, @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return licenses.list(caller, cursor, limit);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getLicense", summary = "One license (member+)")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.LICENSE_NOT_FOUND, ErrorCode.REDIS_UNAVAILABLE})
    public Mono<License> get(Caller caller, @PathVariable String id) {
        return licenses.get(caller, Requests.id(id, ErrorCode.LICENSE_NOT_FOUND));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createLicense", summary = "Create a license; its key is generated (admin+)")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.LICENSE_CONFLICT, ErrorCode.LICENSE_QUOTA_EXCEEDED,
            ErrorCode.IDEMPOTENCY_KEY_REUSE, ErrorCode.DECISION_PENDING,
            ErrorCode.KAFKA_UNAVAILABLE})
    public Mono<License> create(Caller caller, ServerHttpRequest request, @RequestHeader(name = KEY, required = false) String idempotencyKey,
                                @Valid @RequestBody LicenseViews.CreateLicenseRequest body) {
        return licenses.create(caller, Requests.origin(request), idempotencyKey, body);
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "updateLicense", summary = "Change tier, features, expiry date or sessions per user (admin+)")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.LICENSE_NOT_FOUND, ErrorCode.IDEMPOTENCY_KEY_REUSE, ErrorCode.DECISION_PENDING,
            ErrorCode.KAFKA_UNAVAILABLE})
    public Mono<License> update(Caller caller, ServerHttpRequest request, @PathVariable String id,
                                @RequestHeader(name = KEY, required = false) String idempotencyKey,
                                @Valid @RequestBody LicenseViews.UpdateLicenseRequest body) {
        return licenses.update(caller, Requests.origin(request), idempotencyKey, Requests.id(id, ErrorCode.LICENSE_NOT_FOUND), body);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteLicense", summary = "Revoke a license for good; its live sessions end (admin+)")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.LICENSE_NOT_FOUND, ErrorCode.IDEMPOTENCY_KEY_REUSE, ErrorCode.DECISION_PENDING,
            ErrorCode.KAFKA_UNAVAILABLE})
    public Mono<License> delete(Caller caller, ServerHttpRequest request, @PathVariable String id,
                                @RequestHeader(name = KEY, required = false) String idempotencyKey) {
        return licenses.delete(caller, Requests.origin(request), idempotencyKey, Requests.id(id, ErrorCode.LICENSE_NOT_FOUND));
    }

    @PostMapping("/{id}/activate")
    @Operation(summary = "Activate a license (admin+)")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.LICENSE_NOT_FOUND, ErrorCode.IDEMPOTENCY_KEY_REUSE, ErrorCode.DECISION_PENDING,
            ErrorCode.KAFKA_UNAVAILABLE})
    public Mono<License> activate(Caller caller, ServerHttpRequest request, @PathVariable String id,
                                  @RequestHeader(name = KEY, required = false) String idempotencyKey) {
        return licenses.activate(caller, Requests.origin(request), idempotencyKey, Requests.id(id, ErrorCode.LICENSE_NOT_FOUND));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Deactivate a license; its live sessions end (admin+)")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.LICENSE_NOT_FOUND, ErrorCode.IDEMPOTENCY_KEY_REUSE, ErrorCode.DECISION_PENDING,
            ErrorCode.KAFKA_UNAVAILABLE})
    public Mono<License> deactivate(Caller caller, ServerHttpRequest request, @PathVariable String id,
                                    @RequestHeader(name = KEY, required = false) String idempotencyKey) {
        return licenses.deactivate(caller, Requests.origin(request), idempotencyKey, Requests.id(id, ErrorCode.LICENSE_NOT_FOUND));
    }

    @PostMapping("/{id}/sign")
    @Operation(summary = "A signed offline license document (admin+)")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.LICENSE_NOT_FOUND, ErrorCode.LICENSE_INACTIVE, ErrorCode.LICENSE_EXPIRED,
            ErrorCode.REDIS_UNAVAILABLE, ErrorCode.SIGNING_UNAVAILABLE})
    public Mono<SignedLicense> sign(Caller caller, @PathVariable String id) {
        return licenses.signOffline(caller, Requests.id(id, ErrorCode.LICENSE_NOT_FOUND));
    }
}
