package dev.seatflow.gateway.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** An error answered as problem+json with its {@link ErrorCode}; never carries a stack trace out. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private Duration retryAfter;

    public ApiException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ApiException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
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
