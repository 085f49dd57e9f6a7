package dev.seatflow.gateway.commands;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Bounds the commands this gateway has in flight (written or being written, not yet answered), in
 * all and per tenant. Without a bound, an overloaded processor lets the queue in Kafka grow until
 * callers give up, and then decides commands nobody waits for: goodput falls to nothing. With
 * one, the queue is at most the bound (by Little's law, its wait is the bound over the rate the
 * processor decides at), and the excess is refused at once with no command written. The per-tenant
 * bound keeps one tenant's flood from taking every slot.
 *
 * <p>A fixed bound caps the wait only at the bound over the decision rate, which for a thousand
 * commands is a second or more. So once at least {@code queue-floor} commands are in flight, new
 * ones are also refused while the answers show a standing queue ({@link StandingDelay}: even the
 * fastest answer of an interval slower than {@code target-delay}): under overload the queue then
 * stays near the target's worth of work, admitted commands are answered within about that, and
 * the processor still decides at its full rate. Below the floor a slow answer is not a queue (one
 * slow request of a quiet tenant must not shut the door on the next).
 */
final class Admission {

    /** A command's slot; {@link #close} it once the command is answered, failed or abandoned. */
    interface Ticket extends AutoCloseable {

        /** The command was decided and answered: frees the slot and measures how long it waited. */
        void answered();

        /** Frees the slot without a measurement (failed, timed out, cancelled, or not waited for). */
        @Override
        void close();
    }

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final int maxPerTenant;
    private final int queueFloor;
    private final Duration targetDelay;
    /** Null when {@code target-delay} is 0: the fixed bounds only. */
    private final StandingDelay standing;
    private final LongSupplier nanoClock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Integer> perTenant = new ConcurrentHashMap<>();
    private final Counter refusedByInstance;
    private final Counter refusedByTenant;
    private final Counter refusedByDelay;

    Admission(GatewaySettings.InFlight bounds, MeterRegistry meters, LongSupplier nanoClock) {
        this.maxInFlight = bounds.max();
        this.maxPerTenant = bounds.perTenant();
        this.queueFloor = bounds.queueFloor();
        this.targetDelay = bounds.targetDelay();
        this.nanoClock = nanoClock;
        this.standing = targetDelay.isZero() ? null : new StandingDelay(targetDelay, bounds.interval(), nanoClock);
        Gauge.builder("seatflow.gateway.commands.in_flight", inFlight, AtomicInteger::get)
                .description("Commands written or being written and not yet answered").register(meters);
        if (standing != null) {
            Gauge.builder("seatflow.gateway.commands.standing_delay", standing, StandingDelay::lastMinimumMillis)
                    .description("Fastest answer of the last interval, ms: above target-delay it is a standing queue")
                    .baseUnit("milliseconds").register(meters);
        }
        this.refusedByInstance = refused(meters, "instance");
        this.refusedByTenant = refused(meters, "tenant");
        this.refusedByDelay = refused(meters, "delay");
    }

    private static Counter refused(MeterRegistry meters, String limit) {
        return Counter.builder("seatflow.gateway.commands.refused").tag("limit", limit)
                .description("Commands refused 503 overloaded because too many were in flight").register(meters);
    }

    /** A slot for one command of {@code tenant}; refused (and counted) when a bound is reached. */
    Ticket enter(String tenant) {
        int inFlightNow = inFlight.incrementAndGet();
        if (inFlightNow > maxInFlight) {
            inFlight.decrementAndGet();
            refusedByInstance.increment();
            throw overloaded("this gateway has " + maxInFlight + " commands in flight");
        }
        if (standing != null && inFlightNow > queueFloor && standing.standing()) {
            inFlight.decrementAndGet();
            refusedByDelay.increment();
            throw overloaded("decisions are queueing: even the fastest answers take longer than " + targetDelay.toMillis() + " ms");
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
        return new Slot(tenant, nanoClock.getAsLong());
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
        private final long admittedAt;
        private final AtomicInteger open = new AtomicInteger(1);

        Slot(String tenant, long admittedAt) {
            this.tenant = tenant;
            this.admittedAt = admittedAt;
        }

        @Override
        public void answered() {
            if (open.get() == 1 && standing != null) {
                standing.answered(nanoClock.getAsLong() - admittedAt);
            }
            close();
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
