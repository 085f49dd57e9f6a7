package dev.seatflow.expiry.warning;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: before retry n, min(cap, base * 2^(n-1)), of which a random half
 * is taken away, so receivers that come back are not hit by every warner at once.
 */
public record Backoff(Duration base, Duration cap) {

    /** @param failures failed attempts so far (1 after the first failure) */
    public Duration delay(int failures) {
        Duration full = ceiling(failures);
        long half = full.toMillis() / 2;
        return Duration.ofMillis(full.toMillis() - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** The delay without jitter: the most {@link #delay} returns. */
    public Duration ceiling(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration full = base.multipliedBy(1L << doublings);
        return full.compareTo(cap) > 0 ? cap : full;
    }
}
