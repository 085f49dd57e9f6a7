package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.processor.topology.CommandHistories.Step;
import dev.seatflow.processor.topology.ReplayOutputs.EventId;
import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionDetails;
import dev.seatflow.schemas.event.TenantDetails;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For every history, read back from the events alone: no grant ever gives a user more live
 * sessions than the limit per user in force (the tenant's, across its licenses, and the license's
 * own), and never more live sessions than the tenant's seat cap.
 */
class SessionLimitPropertiesTest {

    private static final Instant START = Instant.parse("2026-12-03T08:00:00Z");
    private static final TopicCatalog TOPICS = new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded()));

    @Property(tries = 150)
    void noGrantEverBreaksALimitPerUserOrTheSeatCap(@ForAll("histories") List<Step> history, @ForAll long seed) {
        HistoryLog.Played played = HistoryLog.play(history, START, new Random(seed));
        List<Map.Entry<EventId, byte[]>> events = new ArrayList<>(played.outputs().events().entrySet());
        events.sort(Map.Entry.comparingByKey(Comparator.comparing(EventId::tenant).thenComparingLong(EventId::sequence)));
        Map<String, Tenant> tenants = new HashMap<>();
        for (Map.Entry<EventId, byte[]> entry : events) {
            LicenseEvent event = TOPICS.events().valueSerde().deserializer().deserialize(TOPICS.events().name(), entry.getValue());
            tenants.computeIfAbsent(event.getTenantId(), tenant -> new Tenant()).apply(event);
        }
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return CommandHistories.histories();
    }

    /** One tenant's limits and live sessions, as its events tell them, in sequence. */
    private static final class Tenant {
        private int perUser = TenantLimits.NO_SESSION_LIMIT;
        private int maxSeats = TenantLimits.FREE_SEATS;
        private final Map<UUID, Integer> perUserOfLicense = new HashMap<>();
        private final Map<UUID, SessionState> live = new HashMap<>();

        void apply(LicenseEvent event) {
            if (event.getDetails() instanceof TenantDetails details) {
                perUser = details.getSettings().getMaxSessionsPerUser();
                maxSeats = details.getSettings().getMaxSeats();
            } else if (event.getDetails() instanceof LicenseDetails details) {
                LicenseState license = details.getLicense();
                perUserOfLicense.put(license.getLicenseId(), license.getMaxSessionsPerUser());
            } else if (event.getDetails() instanceof SessionDetails details) {
                SessionState session = details.getSession();
                if (event.getAction() == AuditAction.LICENSE_ACQUIRED) {
                    granted(session);
                } else {
                    live.remove(session.getSessionId());
                }
            }
        }

        private void granted(SessionState session) {
            long ofUser = live.values().stream().filter(held -> held.getUserId().equals(session.getUserId())).count();
            long ofUserOnLicense = live.values().stream().filter(held -> held.getUserId().equals(session.getUserId())
                    && held.getLicenseId().equals(session.getLicenseId())).count();
            int ofLicense = perUserOfLicense.getOrDefault(session.getLicenseId(), TenantLimits.NO_SESSION_LIMIT);
            if (perUser != TenantLimits.NO_SESSION_LIMIT) {
                assertThat(ofUser).as("sessions %s held before a grant, tenant limit %d", session.getUserId(), perUser).isLessThan(perUser);
            }
            if (ofLicense != TenantLimits.NO_SESSION_LIMIT) {
                assertThat(ofUserOnLicense).as("sessions held on the license before a grant, its limit %d", ofLicense).isLessThan(ofLicense);
            }
            assertThat(live.size()).as("live sessions before a grant, cap %d", maxSeats).isLessThan(maxSeats);
            live.put(session.getSessionId(), session);
        }
    }
}
