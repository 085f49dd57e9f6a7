package dev.seatflow.schemas;

/**
 * The version of the seat processor's decision logic, stamped on every reply and event.
 *
 * <p>A gateway may answer from a reply that is not committed yet only because any replay of the
 * same log decides the same: true for one version of the logic, not across versions. So a gateway
 * answers early only from replies of the version it was built with, and waits for the committed
 * reply otherwise (a rolling upgrade that changes this number). Change it whenever the same log
 * could be decided differently, including a changed reply or event encoding; the processor's
 * {@code DecisionFingerprintTest} fails until you do.
 */
public final class DeciderVersion {

    public static final int CURRENT = 4;

    private DeciderVersion() {
    }
}
