package dev.seatflow.expiry.channels;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Thresholds are ISO-8601 durations before expiry. Their text is part of a warning's identity,
 * so it is canonical: whole days as {@code P<n>D}, zero as {@code PT0S}, anything else as
 * {@link Duration#toString()}.
 */
public final class Thresholds {

    public static final Duration MAX = Duration.ofDays(365);

    private Thresholds() {
    }

    public static String format(Duration threshold) {
        if (threshold.isZero()) {
            return "PT0S";
        }
        long seconds = threshold.getSeconds();
        return seconds % 86_400 == 0 && threshold.getNano() == 0 ? "P" + (seconds / 86_400) + "D" : threshold.toString();
    }

    /** @throws IllegalArgumentException when it is no ISO-8601 duration */
    public static Duration parse(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as P30D or PT12H");
        }
    }

    /** Human wording: "30 days", "1 day", "12 hours". */
    public static String describe(Duration threshold) {
        long days = threshold.toDays();
        if (days > 0 && threshold.equals(Duration.ofDays(days))) {
            return days == 1 ? "1 day" : days + " days";
        }
        long hours = threshold.toHours();
        if (hours > 0 && threshold.equals(Duration.ofHours(hours))) {
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        long minutes = Math.max(1, threshold.toMinutes());
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
