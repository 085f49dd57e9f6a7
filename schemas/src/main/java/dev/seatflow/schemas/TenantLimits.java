package dev.seatflow.schemas;

/**
 * Bounds of a tenant's settings: the processor refuses a configuration outside them and the
 * gateway validates requests against the same numbers, so the two can never disagree.
 */
public final class TenantLimits {

    public static final int MAX_SEATS = 100_000;
    public static final int MIN_SESSION_TTL_SECONDS = 30;
    public static final int MAX_SESSION_TTL_SECONDS = 86_400;
    /** A lease outliving its session by more than a week would be an offline license by another name. */
    public static final int MAX_OFFLINE_GRACE_SECONDS = 604_800;

    private TenantLimits() {
    }
}
