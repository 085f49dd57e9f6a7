package dev.seatflow.auditlog;

import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.schemas.event.SessionDetails;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events as the seat processor writes them, for audit tests. */
public final class AuditEvents {

    public static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private AuditEvents() {
    }

    /** Event {@code sequence} of a tenant: a license creation first, then acquisitions. */
    public static LicenseEvent event(String tenant, long sequence) {
        Instant at = START.plusSeconds(sequence);
        UUID license = UUID.nameUUIDFromBytes((tenant + "/license").getBytes());
        if (sequence == 1) {
            LicenseState state = new LicenseState(license, "SF-TEST", Tier.PRO, List.of("analytics"), START.plusSeconds(86_400 * 365), true, 0, at, at);
            return new LicenseEvent(UUID.nameUUIDFromBytes((tenant + "/" + sequence).getBytes()), tenant, sequence, at, UUID.randomUUID(),
                    new Actor("ada", Role.ADMIN), new Origin("10.0.0.1", "curl, with \"quotes\""), AuditAction.LICENSE_CREATED,
                    ResourceType.LICENSE, license.toString(), new LicenseDetails(state, null, List.of()), 1);
        }
        UUID session = UUID.nameUUIDFromBytes((tenant + "/session/" + sequence).getBytes());
        SessionState state = new SessionState(session, license, "SF-TEST", "user-" + sequence, "hw-" + sequence, at, at, at.plusSeconds(360), null, null);
        return new LicenseEvent(UUID.nameUUIDFromBytes((tenant + "/" + sequence).getBytes()), tenant, sequence, at, UUID.randomUUID(),
                new Actor("user-" + sequence, Role.MEMBER), new Origin("10.0.0." + (sequence % 200), "SeatflowClient/1.0"),
                AuditAction.LICENSE_ACQUIRED, ResourceType.SESSION, session.toString(), new SessionDetails(state, 1, 5), 1);
    }

    public static List<LicenseEvent> range(String tenant, long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).mapToObj(sequence -> event(tenant, sequence)).toList();
    }
}
