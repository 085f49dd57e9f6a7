package dev.seatflow.schemas;

/**
 * Defaults and bounds of a tenant's settings: the processor refuses a configuration outside them
 * and the gateway validates requests and reads the mirror with the same numbers, so the two can
 * never disagree.
 */
public final class TenantLimits {

    /** Seats of the FREE plan, which a tenant never configured is on. */
    public static final int FREE_SEATS = 1;
    /** Session TTL of a tenant never configured (the original design's 6-minute lapse). */
    public static final int DEFAULT_SESSION_TTL_SECONDS = 360;
    public static final int MAX_SEATS = 100_000;
    public static final int MIN_SESSION_TTL_SECONDS = 30;
    public static final int MAX_SESSION_TTL_SECONDS = 86_400;
    /** A lease outliving its session by more than a week would be an offline license by another name. */
    public static final int MAX_OFFLINE_GRACE_SECONDS = 604_800;
    /**
     * Licenses one tenant may hold at once: every license is a hash in the mirror and an entry in
     * the processor's state, so one tenant cannot grow either without bound.
     */
    public static final int MAX_LICENSES = 10_000;
    /** A limit of live sessions per user (tenant-wide or per license) that means "no limit". */
    public static final int NO_SESSION_LIMIT = 0;

    private TenantLimits() {
    }
}
