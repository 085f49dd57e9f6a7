package dev.seatflow.bench.load;

/**
 * Intended send times of an open-loop run: request {@code i} is due at {@code start + i / rate},
 * whatever happened to the requests before it. An infinite rate makes every request due at
 * {@code start} (a burst).
 */
public record Schedule(long startNanos, double ratePerSecond) {

    public Schedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
    }

    public long intendedNanos(long index) {
        if (Double.isInfinite(ratePerSecond)) {
            return startNanos;
        }
        // Computed from the index, never by adding periods, so rounding does not drift over a long run.
        return startNanos + (long) (index * 1e9 / ratePerSecond);
    }

    /** How many requests are due in {@code [startNanos, startNanos + elapsedNanos)}. */
    public long countWithin(long elapsedNanos) {
        if (Double.isInfinite(ratePerSecond) || elapsedNanos <= 0) {
            return elapsedNanos <= 0 ? 0 : Long.MAX_VALUE;
        }
        long estimate = (long) Math.ceil(elapsedNanos * ratePerSecond / 1e9);
        // Correct the floating-point estimate against the exact definition above.
        while (estimate > 0 && intendedNanos(estimate - 1) - startNanos >= elapsedNanos) {
            estimate--;
        }
        while (intendedNanos(estimate) - startNanos < elapsedNanos) {
            estimate++;
        }
        return estimate;
    }
}
