package dev.seatflow.processor.state;

import dev.seatflow.processor.timer.DueTimers;
import dev.seatflow.processor.topology.SeatTopology;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.SeatDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The processor's view of its state stores, tenant by tenant. Every read and write of tenant
 * state goes through here, so keys are always built the same way and indexes stay in step.
 *
 * <p>Writes are buffered: a decision's writes reach the stores only on {@link #commit()}, and
 * {@link #rollback()} forgets them, so a decision is applied whole or not at all.
 */
public final class SeatStores {

    private static final String LOG_TIME = "log-time";

    private final BufferedStore<TenantSettings> tenants;
    private final BufferedStore<Long> sequences;
    private final BufferedStore<LicenseState> licenses;
    private final BufferedStore<String> licenseKeys;
    private final BufferedStore<SessionState> sessions;
    private final BufferedStore<String> holders;
    private final BufferedStore<SeatDecision> decisions;
    private final BufferedStore<String> timerIndex;
    private final BufferedStore<Long> clock;
    private final List<BufferedStore<?>> all;
    private final DueTimers timers;

    public SeatStores(ProcessingContext context) {
        tenants = buffered(context, SeatTopology.TENANTS_STORE);
        sequences = buffered(context, SeatTopology.SEQUENCES_STORE);
        licenses = buffered(context, SeatTopology.LICENSES_STORE);
        licenseKeys = buffered(context, SeatTopology.LICENSE_KEYS_STORE);
        sessions = buffered(context, SeatTopology.SESSIONS_STORE);
        holders = buffered(context, SeatTopology.HOLDERS_STORE);
        decisions = buffered(context, SeatTopology.DECISIONS_STORE);
        timerIndex = buffered(context, SeatTopology.TIMERS_STORE);
        clock = buffered(context, SeatTopology.CLOCK_STORE);
        all = List.of(tenants, sequences, licenses, licenseKeys, sessions, holders, decisions, timerIndex, clock);
        timers = new DueTimers(timerIndex);
    }

    private static <V> BufferedStore<V> buffered(ProcessingContext context, String name) {
        KeyValueStore<String, V> store = context.getStateStore(name);
        return new BufferedStore<>(store);
    }

    /** Applies the buffered writes of the decision under way. */
    public void commit() {
        all.forEach(BufferedStore::flush);
    }

    /** Forgets the buffered writes of the decision under way. */
    public void rollback() {
        all.forEach(BufferedStore::discard);
    }

    public boolean hasPendingWrites() {
        return all.stream().anyMatch(BufferedStore::hasPendingWrites);
    }

    /**
     * The time the task's log has reached: the latest decision time so far. It only moves forward,
     * so a record appended with an earlier timestamp (a broker whose clock is behind, after a
     * leader change) is decided at the log's time, not before it.
     */
    public Instant logTime() {
        Long millis = clock.get(LOG_TIME);
        return millis == null ? Instant.EPOCH : Instant.ofEpochMilli(millis);
    }

    /** Moves the log's time to {@code recordTime} if that is later; returns the (new) log time. */
    public Instant advanceLogTime(Instant recordTime) {
        Instant now = logTime();
        if (recordTime.isAfter(now)) {
            clock.put(LOG_TIME, recordTime.toEpochMilli());
            return recordTime;
        }
        return now;
    }

    public DueTimers timers() {
        return timers;
    }

    /** The tenant's settings and seat usage; the plan defaults (FREE, 1 seat, 360 s) until configured. */
    public TenantSettings settings(String tenant) {
        TenantSettings settings = tenants.get(tenant);
        return settings != null ? settings
                : new TenantSettings(Plan.FREE, TenantLimits.FREE_SEATS, TenantLimits.DEFAULT_SESSION_TTL_SECONDS, 0, 0,
                        TenantLimits.NO_SESSION_LIMIT);
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

    /** How many licenses the tenant holds: a scan of its keys, which the quota of licenses bounds. */
    public int licenseCount(String tenant) {
        String prefix = Keys.tenantPrefix(tenant);
        return licenseKeys.range(prefix, Keys.prefixEnd(prefix)).size();
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

    /** Live sessions of one license, in session id order: a scan of the tenant's sessions, which a seat cap bounds. */
    public List<SessionState> liveSessionsOfLicense(String tenant, UUID licenseId) {
        String prefix = Keys.tenantPrefix(tenant);
        return sessions.range(prefix, Keys.prefixEnd(prefix)).values().stream()
                .filter(session -> session.getEndedAt() == null && session.getLicenseId().equals(licenseId))
                .toList();
    }

    /**
     * How many live sessions one user holds across the tenant's licenses. The holders index has an
     * entry per live session only (ended ones are kept in the sessions store for a day), so the
     * scan is bounded by the seat cap, whatever the churn.
     */
    public int liveSessionCountOfUser(String tenant, String user) {
        String prefix = Keys.tenantPrefix(tenant);
        String holder = holderPart(user) + Keys.SEPARATOR;
        // Keys are tenant|license id (36 characters)|length:user|hardware.
        int userAt = prefix.length() + 36 + 1;
        return (int) holders.range(prefix, Keys.prefixEnd(prefix)).keySet().stream()
                .filter(key -> key.startsWith(holder, userAt))
                .count();
    }

    /** How many live sessions one user holds on one license: a scan of exactly those holders. */
    public int liveSessionCountOfUser(String tenant, UUID licenseId, String user) {
        String prefix = Keys.of(tenant, licenseId, holderPart(user)) + Keys.SEPARATOR;
        return holders.range(prefix, Keys.prefixEnd(prefix)).size();
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

    /** Entry counts for metrics (RocksDB estimates). */
    public Map<String, Long> approximateSizes() {
        return Map.of(
                SeatTopology.TENANTS_STORE, tenants.approximateNumEntries(),
                SeatTopology.LICENSES_STORE, licenses.approximateNumEntries(),
                SeatTopology.SESSIONS_STORE, sessions.approximateNumEntries(),
                SeatTopology.DECISIONS_STORE, decisions.approximateNumEntries(),
                SeatTopology.TIMERS_STORE, timerIndex.approximateNumEntries());
    }

    private static String holderKey(String tenant, UUID licenseId, String user, String hardware) {
        return Keys.of(tenant, licenseId, holderPart(user), hardware);
    }

    /** User and hardware ids are free text: the user's is length-prefixed so no two tuples share a key. */
    private static String holderPart(String user) {
        return user.length() + ":" + user;
    }
}
