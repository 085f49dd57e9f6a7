package dev.seatflow.processor.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What readiness needs to know about Kafka Streams beyond its current state: since when it is in
 * that state, and when a stream thread last failed. A processor that keeps failing (and being
 * replaced) or that has been rebalancing for too long decides nothing, and must say so.
 */
public final class StreamsReadiness {

    private final Duration rebalancingLimit;
    private final Duration failureWindow;
    private final Clock clock;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile Instant since;
    private volatile Instant lastFailure;
    private volatile String lastFailureMessage;

    public StreamsReadiness(Duration rebalancingLimit, Duration failureWindow) {
        this(rebalancingLimit, failureWindow, Clock.systemUTC());
    }

    StreamsReadiness(Duration rebalancingLimit, Duration failureWindow, Clock clock) {
        this.rebalancingLimit = rebalancingLimit;
        this.failureWindow = failureWindow;
        this.clock = clock;
        this.since = clock.instant();
    }

    void stateChanged(KafkaStreams.State now) {
        state = now;
        since = clock.instant();
    }

    void threadFailed(Throwable failure) {
        lastFailure = clock.instant();
        lastFailureMessage = failure.toString();
    }

    /** Why the processor is not ready now, or null when it is. */
    public String notReadyReason(KafkaStreams.State current) {
        Instant now = clock.instant();
        Instant failed = lastFailure;
        if (failed != null && now.isBefore(failed.plus(failureWindow))) {
            return "a stream thread failed at " + failed + ": " + lastFailureMessage;
        }
        if (current == KafkaStreams.State.RUNNING) {
            return null;
        }
        if (current == KafkaStreams.State.REBALANCING) {
            Duration rebalancing = Duration.between(state == current ? since : now, now);
            return rebalancing.compareTo(rebalancingLimit) > 0 ? "rebalancing for " + rebalancing.toSeconds() + " s" : null;
        }
        return "streams is " + current;
    }
}
