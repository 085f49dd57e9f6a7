package dev.seatflow.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open-loop load: one thread issues request {@code i} at its intended time {@code start + i/rate}
 * without waiting for earlier answers (if it falls behind it catches up at once), and each latency
 * is measured from the intended time, so a stalled server is charged for every request it delayed
 * (no coordinated omission). Requests intended during the warm-up are sent but not recorded.
 */
public final class OpenLoopGenerator {

    private static final Logger log = LoggerFactory.getLogger(OpenLoopGenerator.class);
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Set<Integer> DEFAULT_EXPECTED = Set.of(200, 201);
    private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");

    /**
     * @param maxRequests stop after this many requests even if the window is not over
     * @param drainTimeout how long to wait for answers after the last send
     */
    public record Plan(double ratePerSecond, Duration warmup, Duration measure, long maxRequests, Duration drainTimeout) {

        public static Plan steady(double rate, Duration warmup, Duration measure) {
            return new Plan(rate, warmup, measure, Long.MAX_VALUE, Duration.ofSeconds(30));
        }

        /** Every request intended at the same instant. */
        public static Plan burst(int requests) {
            return new Plan(Double.POSITIVE_INFINITY, Duration.ZERO, Duration.ofSeconds(1), requests, Duration.ofSeconds(30));
        }
    }

    /** Told when the measurement window opens and closes (e.g. to sample CPU use over exactly that time). */
    public interface WindowListener {
        WindowListener NONE = open -> { };

        void window(boolean open);
    }

    /** The request to send at tick {@code index}; null skips the tick (counted). Called on the sending thread only. */
    @FunctionalInterface
    public interface RequestSource {
        Call next(long index);
    }

    private final Transport transport;
    private final LongSupplier clock;

    public OpenLoopGenerator(Transport transport) {
        this(transport, System::nanoTime);
    }

    OpenLoopGenerator(Transport transport, LongSupplier clock) {
        this.transport = transport;
        this.clock = clock;
    }

    /**
     * @param expected statuses that count as success, per operation ({@code 200, 201} if absent)
     */
    public RunResult run(Plan plan, RequestSource source, Map<String, Set<Integer>> expected) {
        return run(plan, source, expected, WindowListener.NONE);
    }

    public RunResult run(Plan plan, RequestSource source, Map<String, Set<Integer>> expected, WindowListener listener) {
        long start = clock.getAsLong() + LEAD_NANOS;
        Schedule schedule = new Schedule(start, plan.ratePerSecond());
        long measureFrom = start + plan.warmup().toNanos();
        long measureTo = measureFrom + plan.measure().toNanos();
        double measuredSeconds = plan.measure().toNanos() / 1e9;
        Map<String, OperationStats> stats = new ConcurrentHashMap<>();
        OperationStats all = new OperationStats("all");
        Histogram sendLag = new Histogram(OperationStats.HIGHEST_MICROS, 3);
        AtomicLong outstanding = new AtomicLong();
        long sent = 0;
        long skipped = 0;
        boolean windowOpen = false;
        for (long i = 0; i < plan.maxRequests(); i++) {
            long due = schedule.intendedNanos(i);
            if (due >= measureTo) {
                break;
            }
            sleepUntil(due);
            Call call = source.next(i);
            if (call == null) {
                skipped++;
                continue;
            }
            boolean measured = due >= measureFrom;
            if (measured && !windowOpen) {
                windowOpen = true;
                listener.window(true);
            }
            if (measured) {
                sendLag.recordValue(Math.min(OperationStats.HIGHEST_MICROS, Math.max(0, (clock.getAsLong() - due) / 1_000)));
            }
            OperationStats op = stats.computeIfAbsent(call.operation(), OperationStats::new);
            Set<Integer> ok = expected.getOrDefault(call.operation(), DEFAULT_EXPECTED);
            outstanding.incrementAndGet();
            sent++;
            Transport.Callback callback = new Transport.Callback() {
                @Override
                public void completed(int status, byte[] body) {
                    finish(outcomeOf(status, body), ok.contains(status));
                    if (call.onResponse() != null) {
                        try {
                            call.onResponse().accept(status, body);
                        } catch (RuntimeException e) {
                            log.warn("response handler of {} failed: {}", call.operation(), e.toString());
                        }
                    }
                }

                @Override
                public void failed(Throwable error) {
                    finish(outcomeOf(error), false);
                }

                private void finish(String outcome, boolean success) {
                    long now = clock.getAsLong();
                    if (measured) {
                        op.record(outcome, now - due, due - measureFrom, success);
                        all.record(outcome, now - due, due - measureFrom, success);
                    }
                    if (success && now >= measureFrom && now <= measureTo) {
                        op.succeededInWindow();
                        all.succeededInWindow();
                    }
                    outstanding.decrementAndGet();
                }
            };
            try {
                transport.send(call, callback);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        }
        if (windowOpen) {
            sleepUntil(measureTo);
            listener.window(false);
        }
        long unfinished = drain(outstanding, plan.drainTimeout());
        List<OperationResult> operations = new ArrayList<>();
        stats.keySet().stream().sorted().map(name -> stats.get(name).result(measuredSeconds))
                .filter(op -> op.requests() > 0).forEach(operations::add);
        return new RunResult(plan.ratePerSecond(), measuredSeconds, sent, skipped, unfinished, operations,
                all.result(measuredSeconds), LatencySummary.of(sendLag));
    }

    private void sleepUntil(long due) {
        long remaining;
        while ((remaining = due - clock.getAsLong()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private long drain(AtomicLong outstanding, Duration timeout) {
        long deadline = clock.getAsLong() + timeout.toNanos();
        while (outstanding.get() > 0 && clock.getAsLong() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long left = outstanding.get();
        if (left > 0) {
            log.warn("{} requests still unanswered {} after the last send; they are not in the figures", left, timeout);
        }
        return left;
    }

    /**
     * The status; for a 503 also its problem code ({@code 503:overloaded} is a refusal at admission,
     * {@code 503:decision_pending} a decision that did not come in time), which only the body tells.
     */
    static String outcomeOf(int status, byte[] body) {
        if (status == 503 && body != null) {
            Matcher code = PROBLEM_CODE.matcher(new String(body, StandardCharsets.UTF_8));
            if (code.find()) {
                return status + ":" + code.group(1);
            }
        }
        return Integer.toString(status);
    }

    static String outcomeOf(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof java.util.concurrent.TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
                return "timeout";
            }
        }
        return "io_error";
    }
}
