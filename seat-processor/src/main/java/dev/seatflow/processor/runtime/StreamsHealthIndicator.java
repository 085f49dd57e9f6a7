package dev.seatflow.processor.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Ready while the topology runs, or rebalances for less than the configured limit; not ready
 * before start, on shutdown, in ERROR, after a rebalance that takes too long, or for a while
 * after a stream thread failed (a record that keeps failing would otherwise go unnoticed while
 * Kafka Streams replaces the thread).
 */
public class StreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsRunner runner;

    public StreamsHealthIndicator(StreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams.State state = runner.state();
        builder.withDetail("state", state.name());
        String reason = runner.readiness().notReadyReason(state);
        if (reason == null) {
            builder.up();
        } else {
            builder.down().withDetail("reason", reason);
        }
    }
}
