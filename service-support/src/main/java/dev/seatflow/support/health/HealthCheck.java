package dev.seatflow.support.health;

import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * One look at a dependency. It may block or never complete: {@link BackgroundHealth} runs it on a
 * thread of its own and bounds it, so no probe ever waits for it.
 */
@FunctionalInterface
public interface HealthCheck {

    Mono<Health> check();
}
