package dev.seatflow.audit.sink;

import dev.seatflow.auditlog.AuditWriter;
import dev.seatflow.support.kafka.Freshness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/** Rows appended, redeliveries skipped, sequence gaps, dead letters, failed batches and how far behind the log runs. */
public final class AuditSinkMetrics {

    private final Counter appended;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter deadLettered;
    private final Counter failures;
    private final Freshness freshness;

    public AuditSinkMetrics(MeterRegistry meters) {
        appended = Counter.builder("seatflow.audit.appended").description("Audit rows written").register(meters);
        duplicates = Counter.builder("seatflow.audit.duplicates").description("Redelivered events skipped").register(meters);
        gaps = Counter.builder("seatflow.audit.gaps").description("Sequence gaps detected").register(meters);
        deadLettered = Counter.builder("seatflow.audit.dead_lettered").description("Undecodable events dead-lettered").register(meters);
        failures = Counter.builder("seatflow.audit.failures").description("Batches that failed and were retried").register(meters);
        freshness = new Freshness(Timer.builder("seatflow.audit.delay").description("From a decision to its commit in the audit log"),
                meters, Clock.systemUTC());
    }

    void written(ConsumerRecords<?, ?> records, AuditWriter.BatchResult result, int undecodable) {
        freshness.applied(records);
        appended.increment(result.appended());
        duplicates.increment(result.duplicates());
        gaps.increment(result.gaps().size());
        deadLettered.increment(undecodable);
    }

    void failed() {
        failures.increment();
    }
}
