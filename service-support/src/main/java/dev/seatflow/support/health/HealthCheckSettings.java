package dev.seatflow.support.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every dependency check runs ({@code seatflow.health.*}); see {@link BackgroundHealth}.
 *
 * @param interval time between checks while the dependency is up
 * @param retryInterval time between checks while it is down or not checked yet, so that a service
 *        turns ready about a second after its dependency answers
 * @param timeout longest a check may take; one that takes longer counts as down
 * @param staleAfter a result older than this reports down: the check is stuck or stopped
 */
@ConfigurationProperties("seatflow.health")
public record HealthCheckSettings(
        @DefaultValue("5s") Duration interval,
        @DefaultValue("1s") Duration retryInterval,
        @DefaultValue("3s") Duration timeout,
        @DefaultValue("15s") Duration staleAfter) {

    public HealthCheckSettings {
        for (Duration duration : new Duration[] {interval, retryInterval, timeout, staleAfter}) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("seatflow.health.* durations must be positive");
            }
        }
        if (retryInterval.compareTo(interval) > 0) {
            throw new IllegalArgumentException("seatflow.health.retry-interval must not exceed interval");
        }
        // A fresh result is at most one interval plus one check old; a shorter bound would flap.
        if (staleAfter.compareTo(interval.plus(timeout)) <= 0) {
            throw new IllegalArgumentException("seatflow.health.stale-after must exceed interval + timeout");
        }
    }
}
