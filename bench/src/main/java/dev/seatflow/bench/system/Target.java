package dev.seatflow.bench.system;

/**
 * A system under measurement.
 *
 * @param process the JVM the harness launched for it, or null for a system given by URL
 */
public record Target(String name, String baseUrl, ChildProcess process) implements AutoCloseable {

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
