package dev.seatflow.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a write is tried again after a transient failure: up to {@code attempts} tries, waiting the
 * server's {@code Retry-After} when it sends one, else an exponential backoff with full jitter
 * capped at {@code maxDelay} (so that many clients refused at once do not come back at once).
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The pause before try number {@code attempt + 1} (attempt counts from 1). */
    Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;   // the server knows when it can take the request: coming back earlier only costs another refusal
        }
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }
}
