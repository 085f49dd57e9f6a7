package dev.seatflow.support.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * How long after its decision a consumer of the decided events has applied a record: the time
 * from the record's timestamp (the decision's time, the command's append time) to the end of the
 * batch that wrote it. For the Redis mirror it is how stale a read of the API can be; for the
 * audit sink, how far the audit log runs behind. Fixed buckets, so that a scraper can compute
 * percentiles over any window from two scrapes.
 */
public final class Freshness {

    private final Timer delay;
    private final Clock clock;

    /** @param timer the named, described timer ({@code Timer.builder("seatflow.mirror.delay")...}) */
    public Freshness(Timer.Builder timer, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.delay = timer
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .register(meters);
    }

    /** Records the delay of every record of a batch that has just been applied. */
    public void applied(ConsumerRecords<?, ?> records) {
        long now = clock.millis();
        records.forEach(record -> delay.record(Duration.ofMillis(Math.max(0, now - record.timestamp()))));
    }
}
