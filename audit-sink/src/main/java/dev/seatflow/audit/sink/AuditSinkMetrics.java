package dev.seatflow.audit.sink;

import dev.seatflow.auditlog.AuditWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Rows appended, redeliveries skipped, sequence gaps, dead letters and failed batches. */
public final class AuditSinkMetrics {

    private final Counter appended;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter deadLettered;
    private final Counter failures;

    public AuditSinkMetrics(MeterRegistry meters) {
        appended = Counter.builder("seatflow.audit.appended").description("Audit rows written").register(meters);
        duplicates = Counter.builder("seatflow.audit.duplicates").description("Redelivered events skipped").register(meters);
        gaps = Counter.builder("seatflow.audit.gaps").description("Sequence gaps detected").register(meters);
        deadLettered = Counter.builder("seatflow.audit.dead_lettered").description("Undecodable events dead-lettered").register(meters);
        failures = Counter.builder("seatflow.audit.failures").description("Batches that failed and were retried").register(meters);
    }

    void written(AuditWriter.BatchResult result, int undecodable) {
        appended.increment(result.appended());
        duplicates.increment(result.duplicates());
        gaps.increment(result.gaps().size());
        deadLettered.increment(undecodable);
    }

    void failed() {
        failures.increment();
    }
}
