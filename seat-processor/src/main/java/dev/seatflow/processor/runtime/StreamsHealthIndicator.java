package dev.seatflow.processor.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Ready while the topology runs (or rebalances); not ready before start, after errors or on shutdown. */
public class StreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsRunner runner;

    public StreamsHealthIndicator(StreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams.State state = runner.state();
        builder.withDetail("state", state.name());
        if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
