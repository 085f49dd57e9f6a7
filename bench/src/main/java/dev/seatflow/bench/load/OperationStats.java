package dev.seatflow.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency (from the intended send time, in microseconds) and outcomes of one operation's measured
 * requests. Every completed request is recorded, whatever its status: a slow failure is still slow.
 */
final class OperationStats {

    /** Up to an hour, 3 significant digits. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final String operation;
    private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder okInWindow = new LongAdder();

    OperationStats(String operation) {
        this.operation = operation;
    }

    /** A measured request (intended inside the window) completed. */
    void record(String outcome, long latencyNanos, boolean ok) {
        latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1_000)));
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        if (!ok) {
            errors.increment();
        }
    }

    /** Any request, warm-up ones included, succeeded inside the window: the throughput delivered. */
    void succeededInWindow() {
        okInWindow.increment();
    }

    /** Takes the figures; call once, after the run has drained. */
    OperationResult result(double measuredSeconds) {
        Histogram histogram = latency.getIntervalHistogram();
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        return new OperationResult(operation, histogram.getTotalCount(), errors.sum(),
                okInWindow.sum() / measuredSeconds, counts, LatencySummary.of(histogram));
    }
}
