package dev.seatflow.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the rate limiter asks Redis or judges by this instance's buckets, and the log lines and
 * meters that tell. The first failure switches to local buckets (one WARN), the first answer
 * switches back (one INFO). While local, one request per {@code retryEvery} asks Redis again, so
 * a Redis that accepts connections and never answers costs that one request the timeout, not every
 * request on every event loop.
 */
final class RedisFallback {

    private static final Logger log = LoggerFactory.getLogger(RedisFallback.class);

    private final long retryNanos;
    private final AtomicBoolean local = new AtomicBoolean();
    private final AtomicLong nextAsk = new AtomicLong();
    private final Counter judgedLocally;

    RedisFallback(Duration retryEvery, MeterRegistry meters) {
        this.retryNanos = retryEvery.toNanos();
        Gauge.builder("seatflow.gateway.rate_limit_fallback", local, onLocal -> onLocal.get() ? 1 : 0)
                .description("1 while this instance judges rate limits by its own buckets because Redis cannot be asked")
                .strongReference(true)
                .register(meters);
        this.judgedLocally = Counter.builder("seatflow.gateway.rate_limit_unavailable")
                .description("Requests judged by this instance's own buckets because Redis could not be asked")
                .register(meters);
    }

    /** Whether this request asks Redis: every one while Redis answers; one per retry interval while it does not. */
    boolean askRedis() {
        if (!local.get()) {
            return true;
        }
        long now = System.nanoTime();
        long next = nextAsk.get();
        return now - next >= 0 && nextAsk.compareAndSet(next, now + retryNanos);
    }

    void answered() {
        if (local.compareAndSet(true, false)) {
            log.info("Redis answers again: rate limits are shared by all gateway instances again");
        }
    }

    void failed(Throwable error) {
        nextAsk.set(System.nanoTime() + retryNanos);
        if (local.compareAndSet(false, true)) {
            log.warn("Redis cannot be asked for rate limits ({}): this instance judges requests by its own buckets until it answers",
                    error.toString());
        }
    }

    void judgedLocally() {
        judgedLocally.increment();
    }
}
