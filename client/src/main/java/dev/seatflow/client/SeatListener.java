package dev.seatflow.client;

/** Told when a seat changes state, on the client's heartbeat thread: return quickly. */
@FunctionalInterface
public interface SeatListener {

    /** @param reason the server's problem code (LOST), the failure (OFFLINE, EXPIRED), or null */
    void stateChanged(Seat seat, SeatState state, String reason);
}
