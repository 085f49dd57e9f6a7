package dev.seatflow.processor.timer;

import java.time.Instant;

/**
 * Something to look at again at a given time: a session that may have lapsed, a license that may
 * have expired, an ended session or a remembered decision to forget. Timers are hints: the
 * handler checks the current state, so a timer made stale by a heartbeat or an update is harmless.
 */
public record Timer(Instant due, String tenant, Kind kind, String id) {

    public enum Kind { LAPSE, LICENSE_EXPIRY, PURGE_SESSION, FORGET_DECISION }
}
