package dev.seatflow.bench.load;

import java.util.ArrayList;
import java.util.List;
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
 * Each outcome also has a latency of its own (under overload the answers that count and the
 * refusals are judged apart), and each second of the window a p99 (how fast a system recovers).
 */
final class OperationStats {

    /** Up to an hour, 3 significant digits. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String operation;
    private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);
    private final Recorder okLatency = new Recorder(HIGHEST_MICROS, 3);
    private final Map<String, Recorder> latencyByOutcome = new ConcurrentHashMap<>();
    private final Map<Long, Recorder> latencyBySecond = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder okInWindow = new LongAdder();

    OperationStats(String operation) {
        this.operation = operation;
    }

    /**
     * A measured request (intended inside the window) completed.
     *
     * @param sinceWindowNanos when it was intended, from the window's start (which second it counts in)
     */
    void record(String outcome, long latencyNanos, long sinceWindowNanos, boolean ok) {
        long micros = Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1_000));
        latency.recordValue(micros);
        latencyByOutcome.computeIfAbsent(outcome, o -> new Recorder(HIGHEST_MICROS, 3)).recordValue(micros);
        latencyBySecond.computeIfAbsent(Math.max(0, sinceWindowNanos / SECOND_NANOS), s -> new Recorder(HIGHEST_MICROS, 3))
                .recordValue(micros);
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        if (ok) {
            okLatency.recordValue(micros);
        } else {
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
        Map<String, LatencySummary> byOutcome = new TreeMap<>();
        latencyByOutcome.forEach((outcome, recorder) -> byOutcome.put(outcome, LatencySummary.of(recorder.getIntervalHistogram())));
        List<Double> p99BySecond = new ArrayList<>();
        for (long second = 0; second < Math.ceil(measuredSeconds); second++) {
            Recorder recorder = latencyBySecond.get(second);
            p99BySecond.add(recorder == null ? null : LatencySummary.of(recorder.getIntervalHistogram()).p99());
        }
        return new OperationResult(operation, histogram.getTotalCount(), errors.sum(),
                okInWindow.sum() / measuredSeconds, counts, LatencySummary.of(histogram),
                LatencySummary.of(okLatency.getIntervalHistogram()), byOutcome, p99BySecond);
    }
}
