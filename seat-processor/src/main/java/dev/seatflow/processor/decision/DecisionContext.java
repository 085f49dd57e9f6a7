package dev.seatflow.processor.decision;

import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.processor.state.SeatStores;
import dev.seatflow.processor.timer.DueTimers;
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
 * <p>{@code now} is the command's issue time, not the processor's clock, so the same command on
 * the same state decides the same way when it is replayed.
 */
public final class DecisionContext {

    static final Actor SYSTEM = new Actor("system", Role.SYSTEM);

    private final String tenant;
    private final UUID commandId;
    private final Instant now;
    private final Actor actor;
    private final Origin origin;
    private final SeatStores stores;
    private final DueTimers timers;
    private final DecisionPolicy policy;
    private final EventLog events;
    private final List<SessionHeartbeat> heartbeats = new ArrayList<>();

    private DecisionContext(String tenant, UUID commandId, Instant now, Actor actor, Origin origin,
                            SeatStores stores, DueTimers timers, DecisionPolicy policy) {
        this.tenant = tenant;
        this.commandId = commandId;
        this.now = now;
        this.actor = actor;
        this.origin = origin;
        this.stores = stores;
        this.timers = timers;
        this.policy = policy;
        this.events = new EventLog(stores);
    }

    public static DecisionContext forCommand(String tenant, UUID commandId, Instant issuedAt, Actor actor, Origin origin,
                                             SeatStores stores, DueTimers timers, DecisionPolicy policy) {
        return new DecisionContext(tenant, commandId, issuedAt, actor, origin, stores, timers, policy);
    }

    /** For what the platform does by itself when a timer is due. */
    public static DecisionContext forTimer(String tenant, Instant now, SeatStores stores, DueTimers timers, DecisionPolicy policy) {
        return new DecisionContext(tenant, null, now, SYSTEM, null, stores, timers, policy);
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
        return timers;
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
