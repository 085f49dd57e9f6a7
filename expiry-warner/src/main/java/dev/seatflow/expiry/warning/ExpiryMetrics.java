package dev.seatflow.expiry.warning;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code seatflow.expiry.warnings{channel, outcome}} with outcome sent, failed (will be retried),
 * dead (gave up) or cancelled (license changed before the send); license events applied to the
 * view; undecodable events skipped; EXPIRY_WARNING_SENT commands published.
 */
public final class ExpiryMetrics {

    private final MeterRegistry meters;
    private final Counter eventsApplied;
    private final Counter undecodable;
    private final Counter recorded;

    public ExpiryMetrics(MeterRegistry meters) {
        this.meters = meters;
        eventsApplied = Counter.builder("seatflow.expiry.license_events").description("License events applied to the view").register(meters);
        undecodable = Counter.builder("seatflow.expiry.undecodable_events").description("Undecodable events skipped").register(meters);
        recorded = Counter.builder("seatflow.expiry.recorded").description("EXPIRY_WARNING_SENT commands published").register(meters);
    }

    public void licenseEventsApplied(long count) {
        eventsApplied.increment(count);
    }

    public void undecodableEvent() {
        undecodable.increment();
    }

    void recorded(int count) {
        recorded.increment(count);
    }

    void warning(String channel, String outcome) {
        Counter.builder("seatflow.expiry.warnings").description("Expiry warnings by channel and outcome")
                .tag("channel", channel).tag("outcome", outcome).register(meters).increment();
    }

    /** For tests and health: how many warnings of a channel ended with this outcome. */
    public double count(String channel, String outcome) {
        Counter counter = meters.find("seatflow.expiry.warnings").tag("channel", channel).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
