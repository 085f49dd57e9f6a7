package dev.seatflow.gateway.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered as problem+json with its {@link ErrorCode}; never carries a stack trace out.
 * It records none either, and takes no suppressed exceptions (Reactor attaches its checkpoint
 * descriptions that way): it is an expected answer, not a fault, and under overload every refused
 * request makes one; stack walking and those descriptions stood out in profiles of an overloaded
 * gateway. A cause, when there is one, keeps its own stack.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private Duration retryAfter;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    public ApiException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.code = code;
    }

    public ApiException with(String member, Object value) {
        extra.put(member, value);
        return this;
    }

    public ApiException retryAfter(Duration delay) {
        this.retryAfter = delay;
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
