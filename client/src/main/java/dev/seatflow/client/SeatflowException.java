package dev.seatflow.client;

/**
 * A refusal or failure of the Seatflow API: the HTTP status and the problem's stable {@code code}
 * (for example {@code seats_exhausted}, {@code session_limit_reached}, {@code license_expired}), or
 * status 0 and code {@code unreachable} when no answer came at all.
 */
public final class SeatflowException extends RuntimeException {

    public static final String UNREACHABLE = "unreachable";

    private final int status;
    private final String code;

    public SeatflowException(int status, String code, String detail) {
        super(status == 0 ? detail : status + " " + code + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.code = code;
    }

    public SeatflowException(String detail, Throwable cause) {
        super(detail, cause);
        this.status = 0;
        this.code = UNREACHABLE;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Worth trying again later with the same Idempotency-Key: no answer, overload, rate limit, a pending decision. */
    public boolean isTransient() {
        return status == 0 || status == 429 || status == 503 || status == 502 || status == 504;
    }
}
