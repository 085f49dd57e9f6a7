package dev.seatflow.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A floating seat that keeps itself: heartbeats every half TTL (with jitter, so a fleet started
 * together does not beat together), a lease renewed before it runs out, state changes told to the
 * listener in the order they happen, and {@link #close()} releases it. Use it with
 * try-with-resources.
 */
public final class Seat implements AutoCloseable {

    private static final System.Logger log = System.getLogger(Seat.class.getName());
    /** While the server is away, try again this often (never later than the normal beat). */
    private static final Duration OFFLINE_RETRY = Duration.ofSeconds(5);
    /** A lease is renewed when it would end within a beat interval plus this. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    private final SeatflowClient client;
    private final UUID id;
    private final String hardwareId;
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
        this.hardwareId = (String) session.get("hardware_id");
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

    /**
     * Releases the seat with one try and stops its heartbeats; closing twice does nothing. A
     * release that does not get through is logged: the seat then lapses on the server by its TTL.
     */
    @Override
    public synchronized void close() {
        if (next != null) {
            next.cancel(false);
        }
        if (state != SeatState.ACTIVE && state != SeatState.OFFLINE) {
            return;
        }
        try {
            client.release(id);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "seat " + id + " not released (it lapses on the server by itself): " + e.getMessage());
        }
        moveTo(SeatState.RELEASED, null);
    }

    private synchronized void schedule(Duration delay) {
        if (state == SeatState.ACTIVE || state == SeatState.OFFLINE) {
            try {
                next = scheduler.schedule(this::beat, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // The client was closed: no more heartbeats, the seat lapses on the server.
            }
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
            // Without an offline grace a lease ends with its session, so this asks for one on
            // every beat: set the tenant's offline_grace_seconds to sign less often.
            renewLease = license.notAfter().isBefore(clock.instant().plus(interval()).plus(LEASE_MARGIN));
        }
        try {
            VerifiedLicense renewed = client.heartbeat(id, hardwareId, renewLease);
            synchronized (this) {
                if (renewed != null) {
                    license = renewed;
                }
                moveTo(SeatState.ACTIVE, null);
            }
            schedule(interval());
        } catch (SeatflowException e) {
            if (e.status() == 404 || e.status() == 410) {
                moveTo(SeatState.LOST, e.code());   // the server says the seat is gone
            } else {
                offline(e.getMessage());            // no answer, overload, a token not renewed, a bug: keep trying
            }
        } catch (RuntimeException e) {
            offline(e.toString());                  // e.g. a renewed lease that does not verify
        }
    }

    /** The server cannot be used: keep working while the lease is valid, and keep trying. */
    private void offline(String why) {
        Instant now = clock.instant();
        Instant leaseEnd;
        synchronized (this) {
            leaseEnd = license.notAfter();
        }
        if (!now.isBefore(leaseEnd)) {
            moveTo(SeatState.EXPIRED, why);
            return;
        }
        moveTo(SeatState.OFFLINE, why);
        Duration untilEnd = Duration.between(now, leaseEnd);
        Duration retry = OFFLINE_RETRY.compareTo(interval()) < 0 ? OFFLINE_RETRY : interval();
        // Try again soon, and at the latest when the lease ends, which is when EXPIRED is told.
        schedule(retry.compareTo(untilEnd) < 0 ? retry : untilEnd);
    }

    /** Changes state and tells the listener under the seat's lock, so it hears changes in order. */
    private synchronized void moveTo(SeatState to, String reason) {
        if (state == to || state == SeatState.RELEASED || state == SeatState.LOST || state == SeatState.EXPIRED) {
            return;
        }
        state = to;
        listener.stateChanged(this, to, reason);
    }
}
