package dev.seatflow.client;

/** Where a {@link Seat} stands, as its listener is told. */
public enum SeatState {
    /** Held: the last heartbeat was answered. */
    ACTIVE,
    /** The server cannot be reached, but the signed lease is still valid: keep working. */
    OFFLINE,
    /** The server says the seat is gone (lapsed, released by an admin, license deactivated or deleted). */
    LOST,
    /** The lease ran out while the server could not be reached. */
    EXPIRED,
    /** Released by {@link Seat#close()}. */
    RELEASED
}
