package dev.seatflow.gateway.web;

import org.springframework.http.HttpStatus;

/** Stable machine-readable error codes: the {@code code} member of every problem+json answer. */
public enum ErrorCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "The request is malformed or fails validation"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "A valid bearer token is required"),
    TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED, "The bearer token has expired"),
    TOKEN_REVOKED(HttpStatus.UNAUTHORIZED, "The bearer token has been revoked: sign in again"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Your role does not allow this"),
    LICENSE_INACTIVE(HttpStatus.FORBIDDEN, "The license is deactivated"),
    LICENSE_EXPIRED(HttpStatus.FORBIDDEN, "The license has expired"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
    LICENSE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such license"),
    SESSION_NOT_FOUND(HttpStatus.NOT_FOUND, "No such session"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json"),
    SEATS_EXHAUSTED(HttpStatus.CONFLICT, "All seats are in use"),
    SESSION_LIMIT_REACHED(HttpStatus.CONFLICT, "You hold as many sessions as one user may"),
    IDEMPOTENCY_KEY_REUSE(HttpStatus.UNPROCESSABLE_ENTITY, "This Idempotency-Key was used for a different request"),
    LICENSE_CONFLICT(HttpStatus.CONFLICT, "A license with this id or key exists"),
    LICENSE_QUOTA_EXCEEDED(HttpStatus.CONFLICT, "The tenant holds as many licenses as it may"),
    SESSION_GONE(HttpStatus.GONE, "The session has ended or lapsed"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    EXPORT_IN_PROGRESS(HttpStatus.TOO_MANY_REQUESTS, "An audit export or chain verification of this tenant is under way"),
    OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "Too many commands in flight: retry shortly"),
    DECISION_PENDING(HttpStatus.SERVICE_UNAVAILABLE, "No decision yet: retry with the same Idempotency-Key"),
    KAFKA_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The command log is unavailable"),
    REDIS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The read store is unavailable"),
    POSTGRES_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The audit store is unavailable"),
    SIGNING_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The license signer is unavailable"),
    EXPORTS_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "As many audit exports as the gateway runs at once are under way"),
    IDENTITY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Firebase could not be asked whether the token is revoked"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error");

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The code as it appears on the wire, e.g. {@code seats_exhausted}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
