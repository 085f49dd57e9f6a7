package dev.seatflow.bench.system;

import java.util.List;

/**
 * A system under measurement.
 *
 * @param baseUrl where its API answers
 * @param managementUrl where its gateway's metrics answer (the management port), or null when
 *     unknown (a system given by URL): the meters that read them then measure nothing
 * @param process the JVM the harness launched for it, or null for a system given by URL
 * @param serviceManagementUrls management base URLs of its other services (the launched platform's
 *     seat processor and audit sink), whose {@code /prometheus} say how far their consumers run behind
 */
public record Target(String name, String baseUrl, String managementUrl, ChildProcess process, List<String> serviceManagementUrls)
        implements AutoCloseable {

    /** A system given by its API's URL alone. */
    public Target(String name, String baseUrl) {
        this(name, baseUrl, null, null, List.of());
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
