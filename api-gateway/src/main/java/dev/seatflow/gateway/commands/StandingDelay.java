package dev.seatflow.gateway.commands;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Tells a standing queue from a burst the way CoDel does (Nichols and Jacobson, "Controlling Queue
 * Delay", ACM Queue 10(5), 2012): not by how long answers take, but by whether even the fastest
 * answer of an interval took longer than the target. A burst drains, so each interval still sees
 * some fast answers; a backlog the processor cannot work off makes every answer slow. The verdict
 * lapses once no answer has come for two intervals, so a gateway that refused everything (and so
 * has nothing left to measure) admits again and finds out afresh.
 *
 * <p>Only answered commands are samples: a command that times out says the processor is away, not
 * how long its queue is, and the instance bound covers that case.
 */
final class StandingDelay {

    private final long targetNanos;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private boolean sampled;
    private long windowStart;
    private long windowMin;
    private boolean judged;
    private long lastMin;
    private long lastWindowEnd;

    StandingDelay(Duration target, Duration interval, LongSupplier nanoClock) {
        this.targetNanos = target.toNanos();
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A command was answered {@code delayNanos} after it was admitted. */
    synchronized void answered(long delayNanos) {
        long now = nanoClock.getAsLong();
        if (!sampled) {
            sampled = true;
            windowStart = now;
            windowMin = delayNanos;
        } else if (now - windowStart >= intervalNanos) {
            judged = true;
            lastMin = windowMin;
            lastWindowEnd = now;
            windowStart = now;
            windowMin = delayNanos;
        } else {
            windowMin = Math.min(windowMin, delayNanos);
        }
    }

    /** True while the fastest answer of the last full, recent interval took longer than the target. */
    synchronized boolean standing() {
        return judged && nanoClock.getAsLong() - lastWindowEnd <= 2 * intervalNanos && lastMin > targetNanos;
    }

    /** The fastest answer of the last full interval, in milliseconds (0 before the first): a gauge. */
    synchronized double lastMinimumMillis() {
        return judged ? lastMin / 1e6 : 0;
    }
}
