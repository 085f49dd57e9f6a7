package dev.seatflow.processor.decision;

import dev.seatflow.processor.state.SeatStores;
import dev.seatflow.schemas.DeciderVersion;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Events produced while deciding one command (or one timer round), each with the tenant's next
 * gap-free sequence. The event id is derived from tenant and sequence, so a replay after a crash
 * produces the same ids.
 */
public final class EventLog {

    private final SeatStores stores;
    private final List<LicenseEvent> events = new ArrayList<>();

    EventLog(SeatStores stores) {
        this.stores = stores;
    }

    void append(DecisionContext context, AuditAction action, ResourceType type, String resourceId, Object details) {
        long sequence = stores.nextSequence(context.tenant());
        UUID eventId = UUID.nameUUIDFromBytes((context.tenant() + "/event/" + sequence).getBytes(StandardCharsets.UTF_8));
        events.add(new LicenseEvent(eventId, context.tenant(), sequence, context.now(), context.commandId(),
                context.actor(), context.origin(), action, type, resourceId, details, DeciderVersion.CURRENT));
    }

    public List<LicenseEvent> events() {
        return List.copyOf(events);
    }
}
