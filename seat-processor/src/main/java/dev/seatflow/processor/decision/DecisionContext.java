package dev.seatflow.processor.decision;

import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.processor.state.SeatStores;
import dev.seatflow.processor.timer.DueTimers;
import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.RoleRanks;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.event.SessionHeartbeat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Everything one decision reads and writes: the tenant's state, the time it is decided at, who
 * asked, and the events and heartbeats it produces.
 *
 * <p>{@code now} is the time of the command's record in the log (its append time, never earlier
 * than the log's time so far), or the due time of a timer: never the processor's clock, so the
 * same log decides the same way when it is replayed.
 */
public final class DecisionContext {

    /** Who acts when the platform acts by itself (timers, ticks). */
    public static final Actor SYSTEM = new Actor("system", Role.SYSTEM);

    private final String tenant;
    private final UUID commandId;
    private final Instant now;
    private final Actor actor;
    private final Origin origin;
    private final SeatStores stores;
    private final DecisionPolicy policy;
    private final EventLog events;
    private final List<SessionHeartbeat> heartbeats = new ArrayList<>();

    private DecisionContext(String tenant, UUID commandId, Instant now, Actor actor, Origin origin,
                            SeatStores stores, DecisionPolicy policy) {
        this.tenant = tenant;
        this.commandId = commandId;
        this.now = now;
        this.actor = actor;
        this.origin = origin;
        this.stores = stores;
        this.policy = policy;
        this.events = new EventLog(stores);
    }

    public static DecisionContext forCommand(String tenant, UUID commandId, Instant decidedAt, Actor actor, Origin origin,
                                             SeatStores stores, DecisionPolicy policy) {
        return new DecisionContext(tenant, commandId, decidedAt, actor, origin, stores, policy);
    }

    /** For what the platform does by itself when a timer is due: it happens at the timer's due time. */
    public static DecisionContext forTimer(Timer timer, SeatStores stores, DecisionPolicy policy) {
        return new DecisionContext(timer.tenant(), null, timer.due(), SYSTEM, null, stores, policy);
    }

    public String tenant() {
        return tenant;
    }

    public UUID commandId() {
        return commandId;
    }

    public Instant now() {
        return now;
    }

    public Actor actor() {
        return actor;
    }

    public Origin origin() {
        return origin;
    }

    public SeatStores stores() {
        return stores;
    }

    public DueTimers timers() {
        return stores.timers();
    }

    public DecisionPolicy policy() {
        return policy;
    }

    public EventLog events() {
        return events;
    }

    public List<SessionHeartbeat> heartbeats() {
        return heartbeats;
    }

    boolean actorIsAtLeast(Role role) {
        return RoleRanks.atLeast(actor.getRole(), role);
    }
}
