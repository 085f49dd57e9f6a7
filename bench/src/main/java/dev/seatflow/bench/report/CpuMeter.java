package dev.seatflow.bench.report;

import dev.seatflow.bench.system.ChildProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Samples CPU time of this JVM, of the child JVMs and of the whole machine ({@code /proc/stat}). */
public final class CpuMeter {

    private final Map<String, ChildProcess> children;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public CpuMeter(Map<String, ChildProcess> children) {
        this.children = children;
    }

    /** CPU times at one instant. */
    public final class Sample {
        private final long wallNanos = System.nanoTime();
        private final long generatorNanos = os.getProcessCpuTime();
        private final Map<String, Long> childNanos = new LinkedHashMap<>();
        private final long[] machineTicks = machineTicks();

        private Sample() {
            children.forEach((name, child) -> childNanos.put(name, child.cpu().toNanos()));
        }

        /** Usage between this sample and a later one. */
        public CpuUsage until(Sample later) {
            double wall = later.wallNanos - wallNanos;
            Map<String, Double> processes = new LinkedHashMap<>();
            childNanos.forEach((name, nanos) -> processes.put(name, round((later.childNanos.get(name) - nanos) / wall)));
            double machine = 0;
            if (machineTicks != null && later.machineTicks != null) {
                long busy = later.machineTicks[0] - machineTicks[0];
                long total = later.machineTicks[1] - machineTicks[1];
                machine = total == 0 ? 0 : round(busy * (double) Runtime.getRuntime().availableProcessors() / total);
            }
            return new CpuUsage(round((later.generatorNanos - generatorNanos) / wall), processes, machine, os.getSystemLoadAverage());
        }
    }

    public Sample sample() {
        return new Sample();
    }

    /** Cores a child used over {@code window} from now (to wait until it is idle between runs). */
    public double childCores(String name, Duration window) throws InterruptedException {
        ChildProcess child = children.get(name);
        long before = child.cpu().toNanos();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        return (child.cpu().toNanos() - before) / (double) (System.nanoTime() - start);
    }

    /** {busy, total} jiffies of all CPUs, or null where /proc/stat is not readable. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
