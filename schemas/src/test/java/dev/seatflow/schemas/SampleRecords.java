package dev.seatflow.schemas;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.ActivateLicense;
import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.DeactivateLicense;
import dev.seatflow.schemas.command.DeleteLicense;
import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.command.Tick;
import dev.seatflow.schemas.command.UpdateLicense;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AcquisitionFailedDetails;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.ExpiryWarningDetails;
import dev.seatflow.schemas.event.FailureReason;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.schemas.event.SessionDetails;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.event.TenantDetails;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** One record of every shape the schemas allow, for round-trip tests. */
public final class SampleRecords {

    // Avro timestamps carry milliseconds: keep sample instants at that precision.
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00.123Z");
    static final UUID LICENSE = UUID.fromString("7d0c9a34-3a55-4f0e-9d55-0d6c1c3b9a01");
    static final UUID SESSION = UUID.fromString("0b7e3c1e-6a63-4d2b-8f0e-7c6a1f2a9b02");

    private SampleRecords() {
    }

    public static List<SpecificRecord> all() {
        List<Object> payloads = List.of(
                new AcquireSeat("SF-AAAA-BBBB-CCCC-DDDD", "hw-1"),
                new Heartbeat(SESSION),
                new ReleaseSeat(SESSION),
                new CreateLicense(LICENSE, "SF-AAAA-BBBB-CCCC-DDDD", Tier.PRO, List.of("analytics"), NOW.plusSeconds(86_400), 0),
                new UpdateLicense(LICENSE, null, List.of("marketplace"), NOW.plusSeconds(172_800), null),
                new ActivateLicense(LICENSE),
                new DeactivateLicense(LICENSE),
                new DeleteLicense(LICENSE),
                new ConfigureTenant(Plan.ENTERPRISE, 50, 600, null, null),
                new Tick());
        List<SpecificRecord> records = new java.util.ArrayList<>();
        for (Object payload : payloads) {
            records.add(command(payload));
        }
        records.add(new SeatDecision(UUID.randomUUID(), "tenant-a", NOW, Outcome.GRANTED, null, session(), license(), tenant(), 1, null));
        records.add(new SeatDecision(UUID.randomUUID(), "tenant-a", NOW, Outcome.SEATS_EXHAUSTED, "no seat", null, null, null, 1, null));
        records.add(event(AuditAction.LICENSE_ACQUIRED, ResourceType.SESSION, new SessionDetails(session(), 1, 5)));
        records.add(event(AuditAction.LICENSE_ACQUISITION_FAILED, ResourceType.LICENSE,
                new AcquisitionFailedDetails("SF-X", LICENSE, "hw-2", FailureReason.SEATS_EXHAUSTED, 5, 5)));
        records.add(event(AuditAction.LICENSE_UPDATED, ResourceType.LICENSE,
                new LicenseDetails(license(), license(), List.of(SESSION))));
        records.add(event(AuditAction.TENANT_CONFIGURED, ResourceType.TENANT, new TenantDetails(tenant(), null)));
        records.add(event(AuditAction.EXPIRY_WARNING_SENT, ResourceType.LICENSE,
                new ExpiryWarningDetails(LICENSE, NOW, "P7D", "webhook")));
        records.add(new SessionHeartbeat("tenant-a", SESSION, NOW, NOW.plusSeconds(360)));
        records.add(license());
        records.add(session());
        records.add(tenant());
        return records;
    }

    static SeatCommand command(Object payload) {
        return new SeatCommand(UUID.randomUUID(), "tenant-a", NOW, new Actor("user-1", Role.MEMBER),
                new Origin("10.0.0.1", "SeatflowClient/1.0"), 3, payload);
    }

    static LicenseEvent event(AuditAction action, ResourceType type, Object details) {
        return new LicenseEvent(UUID.randomUUID(), "tenant-a", 42L, NOW, UUID.randomUUID(),
                new Actor("user-1", Role.ADMIN), new Origin(null, null), action, type, "resource-1", details, 1);
    }

    static LicenseState license() {
        return new LicenseState(LICENSE, "SF-AAAA-BBBB-CCCC-DDDD", Tier.ENTERPRISE, List.of("a", "b"),
                NOW.plusSeconds(3600), true, 0, NOW, NOW);
    }

    static SessionState session() {
        return new SessionState(SESSION, LICENSE, "SF-AAAA-BBBB-CCCC-DDDD", "user-1", "hw-1", NOW, NOW,
                NOW.plusSeconds(360), NOW.plusSeconds(10), EndReason.RELEASED);
    }

    static TenantSettings tenant() {
        return new TenantSettings(Plan.PRO, 5, 360, 1, 0, 0);
    }
}
