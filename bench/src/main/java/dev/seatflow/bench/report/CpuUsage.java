package dev.seatflow.bench.report;

import java.util.Map;

/**
 * CPU used during a measurement window, in cores (1.0 = one core busy the whole time).
 *
 * @param generator this JVM (the load generator)
 * @param processes each system-under-test JVM started by the harness, by name
 * @param machine every process on the machine (also Postgres, Redis and anything else running)
 * @param loadAverage one-minute load average at the end of the window
 */
public record CpuUsage(double generator, Map<String, Double> processes, double machine, double loadAverage) {
}
