package dev.seatflow.schemas.evolution;

import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionHeartbeat;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The top-level schemas whose data outlives a release: topic values and state-store values.
 * Each must have released versions, and must read all of them.
 */
public final class SchemaCatalog {

    public static final List<Schema> CURRENT = List.of(
            SeatCommand.getClassSchema(),
            SeatDecision.getClassSchema(),
            LicenseEvent.getClassSchema(),
            SessionHeartbeat.getClassSchema(),
            LicenseState.getClassSchema(),
            SessionState.getClassSchema(),
            TenantSettings.getClassSchema());

    private SchemaCatalog() {
    }
}
