package dev.seatflow.testkit;

/** Reads a test kit setting from a system property, then the environment, then a default. */
final class Settings {

    private Settings() {
    }

    static String get(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
