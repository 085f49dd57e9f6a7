package dev.seatflow.processor.decision;

import dev.seatflow.schemas.TenantLimits;
import java.util.List;

/** Checks the processor repeats after the gateway's, so a command from any producer is safe. */
final class Validation {

    static final int MAX_TEXT = 256;
    static final int MAX_FEATURES = 64;
    static final int MAX_FEATURE_LENGTH = 64;

    private Validation() {
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank() || value.length() > MAX_TEXT;
    }

    static String checkFeatures(List<String> features) {
        if (features.size() > MAX_FEATURES) {
            return "at most " + MAX_FEATURES + " features";
        }
        for (String feature : features) {
            if (feature == null || feature.isBlank() || feature.length() > MAX_FEATURE_LENGTH) {
                return "features must be non-blank and at most " + MAX_FEATURE_LENGTH + " characters";
            }
        }
        return null;
    }

    /** A limit of live sessions per user: 0 (none) up to the largest seat cap. */
    static String checkSessionsPerUser(int limit) {
        return limit < TenantLimits.NO_SESSION_LIMIT || limit > TenantLimits.MAX_SEATS
                ? "max_sessions_per_user must be between 0 (no limit) and " + TenantLimits.MAX_SEATS
                : null;
    }
}
