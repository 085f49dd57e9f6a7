package dev.seatflow.cli;

import dev.seatflow.client.SeatflowException;

/**
 * What the CLI's exit status means, so that scripts can branch on it; listed in {@code --help} and
 * the README from here.
 */
public enum ExitCode {
    OK(0, "done"),
    USAGE(1, "bad command line or request (400 invalid_request)"),
    NOT_FOUND(2, "no such license, session or file (404, 410)"),
    REFUSED(3, "refused: a conflict or a state that does not allow it (409, 422, 403 license_inactive, ...)"),
    AUTH(4, "not logged in, token refused or expired (401), or role too low (403 forbidden)"),
    UNAVAILABLE(5, "server unreachable, overloaded or down (no answer, 429, 5xx) after retries"),
    VERIFICATION_FAILED(6, "audit verify: the export, its manifest or its signature does not verify"),
    LOCAL_ERROR(7, "a local file could not be read or written, or an unexpected error");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit status of an API failure, by its HTTP status (0: no answer at all). */
    public static ExitCode of(SeatflowException failure) {
        int status = failure.status();
        if (failure.isTransient() || status >= 500) {
            return UNAVAILABLE;
        }
        return switch (status) {
            case 400 -> USAGE;
            case 401 -> AUTH;
            // Other 403s are refusals of the thing, not of the caller (license_inactive, license_expired).
            case 403 -> "forbidden".equals(failure.code()) ? AUTH : REFUSED;
            case 404, 410 -> NOT_FOUND;
            default -> REFUSED;
        };
    }

    /** The help footer: one line per code. */
    static String[] describeAll() {
        ExitCode[] codes = values();
        String[] lines = new String[codes.length + 1];
        lines[0] = "%nExit codes:";
        for (int i = 0; i < codes.length; i++) {
            lines[i + 1] = String.format("  %d  %s", codes[i].code, codes[i].meaning);
        }
        return lines;
    }
}
