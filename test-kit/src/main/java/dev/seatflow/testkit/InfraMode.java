package dev.seatflow.testkit;

import java.util.Locale;
import java.util.Optional;

/**
 * How the test kit provides a service. Forced for all services by the environment variable (or
 * system property) {@value #VARIABLE}; otherwise chosen per service in the order LOCAL (a
 * configured or reachable local server), TESTCONTAINERS (Docker available), EMBEDDED.
 */
public enum InfraMode {
    LOCAL, TESTCONTAINERS, EMBEDDED;

    public static final String VARIABLE = "SEATFLOW_TEST_INFRA";

    static Optional<InfraMode> forced() {
        String value = Settings.get(VARIABLE, "SEATFLOW_TEST_INFRA", "");
        if (value.isBlank() || value.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + value + " is not one of auto, local, testcontainers, embedded");
        }
    }
}
