package dev.seatflow.processor.state;

import dev.seatflow.processor.topology.SeatTopology;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.SeatDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The processor's view of its state stores, tenant by tenant. Every read and write of tenant
 * state goes through here, so keys are always built the same way and indexes stay in step.
 */
public final class SeatStores {

    public static final int DEFAULT_TTL_SECONDS = 360;

    private final KeyValueStore<String, TenantSettings> tenants;
    private final KeyValueStore<String, Long> sequences;
    private final KeyValueStore<String, LicenseState> licenses;
    private final KeyValueStore<String, String> licenseKeys;
    private final KeyValueStore<String, SessionState> sessions;
    private final KeyValueStore<String, String> holders;
    private final KeyValueStore<String, SeatDecision> decisions;
    private final KeyValueStore<String, String> timers;

    public SeatStores(ProcessingContext context) {
        tenants = context.getStateStore(SeatTopology.TENANTS_STORE);
        sequences = context.getStateStore(SeatTopology.SEQUENCES_STORE);
        licenses = context.getStateStore(SeatTopology.LICENSES_STORE);
        licenseKeys = context.getStateStore(SeatTopology.LICENSE_KEYS_STORE);
        sessions = context.getStateStore(SeatTopology.SESSIONS_STORE);
        holders = context.getStateStore(SeatTopology.HOLDERS_STORE);
        decisions = context.getStateStore(SeatTopology.DECISIONS_STORE);
        timers = context.getStateStore(SeatTopology.TIMERS_STORE);
    }

    /** The tenant's settings and seat usage; the plan defaults (FREE, 1 seat, 360 s) until configured. */
    public TenantSettings settings(String tenant) {
        TenantSettings settings = tenants.get(tenant);
        return settings != null ? settings : new TenantSettings(Plan.FREE, 1, DEFAULT_TTL_SECONDS, 0);
    }

    public void putSettings(String tenant, TenantSettings settings) {
        tenants.put(tenant, settings);
    }

    /** The next gap-free event sequence of the tenant (1, 2, 3, ...). */
    public long nextSequence(String tenant) {
        Long last = sequences.get(tenant);
        long next = last == null ? 1 : last + 1;
        sequences.put(tenant, next);
        return next;
    }

    public Optional<LicenseState> license(String tenant, UUID licenseId) {
        return Optional.ofNullable(licenses.get(Keys.of(tenant, licenseId)));
    }

    public Optional<LicenseState> licenseByKey(String tenant, String key) {
        String id = licenseKeys.get(Keys.of(tenant, key));
        return id == null ? Optional.empty() : license(tenant, UUID.fromString(id));
    }

    public void putLicense(String tenant, LicenseState license) {
        licenses.put(Keys.of(tenant, license.getLicenseId()), license);
        licenseKeys.put(Keys.of(tenant, license.getKey()), license.getLicenseId().toString());
    }

    public void deleteLicense(String tenant, LicenseState license) {
        licenses.delete(Keys.of(tenant, license.getLicenseId()));
        licenseKeys.delete(Keys.of(tenant, license.getKey()));
    }

    public Optional<SessionState> session(String tenant, UUID sessionId) {
        return Optional.ofNullable(sessions.get(Keys.of(tenant, sessionId)));
    }

    /** The live session of this user on this machine for this license, if any. */
    public Optional<SessionState> liveSessionOf(String tenant, UUID licenseId, String user, String hardware) {
        String id = holders.get(holderKey(tenant, licenseId, user, hardware));
        return id == null ? Optional.empty() : session(tenant, UUID.fromString(id)).filter(s -> s.getEndedAt() == null);
    }

    public void putSession(String tenant, SessionState session) {
        sessions.put(Keys.of(tenant, session.getSessionId()), session);
        String holder = holderKey(tenant, session.getLicenseId(), session.getUserId(), session.getHardwareId());
        if (session.getEndedAt() == null) {
            holders.put(holder, session.getSessionId().toString());
        } else if (session.getSessionId().toString().equals(holders.get(holder))) {
            holders.delete(holder);
        }
    }

    public void deleteSession(String tenant, UUID sessionId) {
        sessions.delete(Keys.of(tenant, sessionId));
    }

    /** Live sessions of one license: a scan of the tenant's sessions, which a seat cap bounds. */
    public List<SessionState> liveSessionsOfLicense(String tenant, UUID licenseId) {
        List<SessionState> live = new ArrayList<>();
        try (var all = sessions.prefixScan(Keys.tenantPrefix(tenant), new StringSerializer())) {
            all.forEachRemaining(entry -> {
                SessionState session = entry.value;
                if (session.getEndedAt() == null && session.getLicenseId().equals(licenseId)) {
                    live.add(session);
                }
            });
        }
        return live;
    }

    public Optional<SeatDecision> decision(String tenant, UUID commandId) {
        return Optional.ofNullable(decisions.get(Keys.of(tenant, commandId)));
    }

    public void putDecision(String tenant, SeatDecision decision) {
        decisions.put(Keys.of(tenant, decision.getCommandId()), decision);
    }

    public void forgetDecision(String tenant, UUID commandId) {
        decisions.delete(Keys.of(tenant, commandId));
    }

    public KeyValueStore<String, String> timers() {
        return timers;
    }

    /** Entry counts for metrics (RocksDB estimates). */
    public java.util.Map<String, Long> approximateSizes() {
        return java.util.Map.of(
                SeatTopology.TENANTS_STORE, tenants.approximateNumEntries(),
                SeatTopology.LICENSES_STORE, licenses.approximateNumEntries(),
                SeatTopology.SESSIONS_STORE, sessions.approximateNumEntries(),
                SeatTopology.DECISIONS_STORE, decisions.approximateNumEntries(),
                SeatTopology.TIMERS_STORE, timers.approximateNumEntries());
    }

    private static String holderKey(String tenant, UUID licenseId, String user, String hardware) {
        // user and hardware ids are free text: length-prefix them so no two tuples share a key.
        return Keys.of(tenant, licenseId, user.length() + ":" + user, hardware);
    }
}
