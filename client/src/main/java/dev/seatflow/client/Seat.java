package dev.seatflow.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A floating seat that keeps itself: heartbeats every half TTL (with jitter, so a fleet started
 * together does not beat together), a lease renewed before it runs out, state changes told to the
 * listener, and {@link #close()} releases it. Use it with try-with-resources.
 */
public final class Seat implements AutoCloseable {

    /** While the server is away, try again this often (never later than the normal beat). */
    private static final Duration OFFLINE_RETRY = Duration.ofSeconds(5);
    /** A lease is renewed when it would end within a beat interval plus this. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    private final SeatflowClient client;
    private final UUID id;
    private final Duration ttl;
    private final SeatListener listener;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private VerifiedLicense license;
    private SeatState state = SeatState.ACTIVE;
    private ScheduledFuture<?> next;

    Seat(SeatflowClient client, Map<String, Object> session, VerifiedLicense license, SeatListener listener,
         ScheduledExecutorService scheduler, Clock clock) {
        this.client = client;
        this.id = UUID.fromString((String) session.get("id"));
        this.ttl = Duration.between(Instant.parse((String) session.get("last_heartbeat_at")), Instant.parse((String) session.get("expires_at")));
        this.license = license;
        this.listener = listener;
        this.scheduler = scheduler;
        this.clock = clock;
        schedule(interval());
    }

    public UUID id() {
        return id;
    }

    public synchronized SeatState state() {
        return state;
    }

    /** The lease's terms, verified offline; renewed as the seat is kept. */
    public synchronized VerifiedLicense license() {
        return license;
    }

    /** Releases the seat (retried like any write) and stops its heartbeats; closing twice does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (next != null) {
                next.cancel(false);
            }
            if (state != SeatState.ACTIVE && state != SeatState.OFFLINE) {
                return;
            }
            state = SeatState.RELEASED;
        }
        try {
            client.release(id);
        } finally {
            listener.stateChanged(this, SeatState.RELEASED, null);
        }
    }

    private synchronized void schedule(Duration delay) {
        if (state == SeatState.ACTIVE || state == SeatState.OFFLINE) {
            next = scheduler.schedule(this::beat, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Half the TTL, give or take a tenth. */
    private Duration interval() {
        long half = ttl.toMillis() / 2;
        return Duration.ofMillis(half - half / 10 + ThreadLocalRandom.current().nextLong(half / 5 + 1));
    }

    private void beat() {
        boolean renewLease;
        synchronized (this) {
            if (state != SeatState.ACTIVE && state != SeatState.OFFLINE) {
                return;
            }
            renewLease = license.notAfter().isBefore(clock.instant().plus(interval()).plus(LEASE_MARGIN));
        }
        try {
            SeatflowClient.Heartbeat answer = client.heartbeat(id, renewLease);
            synchronized (this) {
                if (answer.lease() != null) {
                    license = answer.lease();
                }
            }
            moveTo(SeatState.ACTIVE, null);
            schedule(interval());
        } catch (SeatflowException e) {
            if (e.isTransient()) {
                offline(e);
            } else {
                moveTo(SeatState.LOST, e.code());
            }
        } catch (RuntimeException e) {
            // A lease that does not verify, a body we cannot read: the seat cannot be trusted.
            moveTo(SeatState.LOST, e.getMessage());
        }
    }

    /** The server is away: keep working while the lease is valid, and keep trying. */
    private void offline(SeatflowException failure) {
        Instant now = clock.instant();
        Instant leaseEnd;
        synchronized (this) {
            leaseEnd = license.notAfter();
        }
        if (!now.isBefore(leaseEnd)) {
            moveTo(SeatState.EXPIRED, failure.getMessage());
            return;
        }
        moveTo(SeatState.OFFLINE, failure.getMessage());
        Duration untilEnd = Duration.between(now, leaseEnd);
        Duration retry = OFFLINE_RETRY.compareTo(interval()) < 0 ? OFFLINE_RETRY : interval();
        // Try again soon, and at the latest when the lease ends, which is when EXPIRED is told.
        schedule(retry.compareTo(untilEnd) < 0 ? retry : untilEnd);
    }

    private void moveTo(SeatState to, String reason) {
        synchronized (this) {
            if (state == to || state == SeatState.RELEASED) {
                return;
            }
            state = to;
        }
        listener.stateChanged(this, to, reason);
    }
}
