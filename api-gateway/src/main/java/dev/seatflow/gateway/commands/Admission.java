package dev.seatflow.gateway.commands;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the commands this gateway has in flight (written or being written, not yet answered), in
 * all and per tenant. Without a bound, an overloaded processor lets the queue in Kafka grow until
 * callers give up, and then decides commands nobody waits for: goodput falls to nothing. With
 * one, the queue is at most the bound (by Little's law, its wait is the bound over the rate the
 * processor decides at), and the excess is refused at once with no command written. The per-tenant
 * bound keeps one tenant's flood from taking every slot.
 */
final class Admission {

    /** A command's slot; {@link #close} it once the command is answered, failed or abandoned. */
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final int maxPerTenant;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Integer> perTenant = new ConcurrentHashMap<>();
    private final Counter refusedByInstance;
    private final Counter refusedByTenant;

    Admission(int maxInFlight, int maxPerTenant, MeterRegistry meters) {
        this.maxInFlight = maxInFlight;
        this.maxPerTenant = maxPerTenant;
        Gauge.builder("seatflow.gateway.commands.in_flight", inFlight, AtomicInteger::get)
                .description("Commands written or being written and not yet answered").register(meters);
        this.refusedByInstance = refused(meters, "instance");
        this.refusedByTenant = refused(meters, "tenant");
    }

    private static Counter refused(MeterRegistry meters, String limit) {
        return Counter.builder("seatflow.gateway.commands.refused").tag("limit", limit)
                .description("Commands refused 503 overloaded because too many were in flight").register(meters);
    }

    /** A slot for one command of {@code tenant}; refused (and counted) when a bound is reached. */
    Ticket enter(String tenant) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refusedByInstance.increment();
            throw overloaded("this gateway has " + maxInFlight + " commands in flight");
        }
        boolean[] admitted = {false};
        perTenant.compute(tenant, (key, count) -> {
            int current = count == null ? 0 : count;
            admitted[0] = current < maxPerTenant;
            return admitted[0] ? current + 1 : count;
        });
        if (!admitted[0]) {
            inFlight.decrementAndGet();
            refusedByTenant.increment();
            throw overloaded("your tenant has " + maxPerTenant + " commands in flight on this gateway");
        }
        return new Slot(tenant);
    }

    private static ApiException overloaded(String why) {
        return new ApiException(ErrorCode.OVERLOADED, why + "; nothing was written, retry after a second")
                .retryAfter(RETRY_AFTER);
    }

    int inFlight() {
        return inFlight.get();
    }

    private final class Slot implements Ticket {
        private final String tenant;
        private final AtomicInteger open = new AtomicInteger(1);

        Slot(String tenant) {
            this.tenant = tenant;
        }

        /** Idempotent: a request that both fails and is cancelled frees its slot once. */
        @Override
        public void close() {
            if (open.getAndSet(0) == 1) {
                // Entries leave the map at zero, so tenants that come and go leave nothing behind.
                perTenant.computeIfPresent(tenant, (key, count) -> count > 1 ? count - 1 : null);
                inFlight.decrementAndGet();
            }
        }
    }
}
