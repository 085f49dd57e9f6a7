package dev.seatflow.bench.system;

import java.util.List;

/**
 * A system under measurement.
 *
 * @param process the JVM the harness launched for it, or null for a system given by URL
 * @param serviceUrls base URLs of its other services (the launched platform's seat processor and
 *     audit sink), whose {@code /prometheus} say how far their consumers run behind
 */
public record Target(String name, String baseUrl, ChildProcess process, List<String> serviceUrls) implements AutoCloseable {

    public Target(String name, String baseUrl, ChildProcess process) {
        this(name, baseUrl, process, List.of());
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
