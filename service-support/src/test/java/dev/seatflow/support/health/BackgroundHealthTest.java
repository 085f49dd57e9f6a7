package dev.seatflow.support.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

class BackgroundHealthTest {

    /** Far longer than the probe could ever need to read a cached result, so it cannot flake. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration NEVER = Duration.ofHours(1);

    @Test
    void aCheckThatNeverCompletesDoesNotMakeTheProbeWait() {
        try (BackgroundHealth health = BackgroundHealth.start("never", settings(NEVER), Mono::never)) {
            Health answer = health.health().block(CALL_TIMEOUT);

            assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
            assertThat(answer.getDetails()).containsEntry("reason", "no check has completed yet");
        }
    }

    @Test
    void aCheckThatBlocksItsThreadDoesNotMakeTheProbeWaitAndIsInterruptedOnClose() {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        BackgroundHealth health = BackgroundHealth.start("blocking", settings(NEVER), () -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return Mono.just(Health.up().build());
        });
        Awaitility.await().until(() -> entered.getCount() == 0);

        assertThat(health.health().block(CALL_TIMEOUT).getStatus()).isEqualTo(Status.DOWN);
        health.close();
        Awaitility.await().untilAsserted(() -> {
            assertThat(interrupted).isTrue();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("health-blocking"));
        });
        assertThat(health.current().getDetails()).containsEntry("reason", "checks stopped");
    }

    @Test
    void aCheckThatTakesLongerThanTheTimeoutCountsAsDown() {
        HealthCheckSettings quick = new HealthCheckSettings(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(100), NEVER);
        try (BackgroundHealth health = BackgroundHealth.start("slow", quick, Mono::never)) {
            Awaitility.await().untilAsserted(() -> assertThat(health.current().getDetails())
                    .containsEntry("reason", "the check did not complete within 100 ms"));
            assertThat(health.current().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void upOnceACheckSucceedsAndDownAfterItFailsThenUpAgain() {
        AtomicBoolean failing = new AtomicBoolean();
        try (BackgroundHealth health = BackgroundHealth.start("flaky", settings(Duration.ofMillis(50)), () -> failing.get()
                ? Mono.error(new IllegalStateException("connection refused"))
                : Mono.just(Health.up().withDetail("brokers", 1).build()))) {
            Awaitility.await().until(() -> health.current().getStatus().equals(Status.UP));
            assertThat(health.current().getDetails()).containsEntry("brokers", 1).containsKey("checkedAt");

            failing.set(true);
            Awaitility.await().until(() -> health.current().getStatus().equals(Status.DOWN));
            assertThat(health.current().getDetails()).containsEntry("error", "java.lang.IllegalStateException: connection refused");

            failing.set(false);
            Awaitility.await().until(() -> health.current().getStatus().equals(Status.UP));
        }
    }

    @Test
    void aResultOlderThanTheBoundReportsDown() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger runs = new AtomicInteger();
        HealthCheckSettings settings = settings(NEVER);
        try (BackgroundHealth health = BackgroundHealth.start("stale", settings, clock, () -> {
            runs.incrementAndGet();
            return Mono.just(Health.up().build());
        })) {
            Awaitility.await().until(() -> health.current().getStatus().equals(Status.UP));

            clock.advance(settings.staleAfter().plusSeconds(1));

            Health stale = health.current();
            assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
            assertThat(stale.getDetails()).containsEntry("lastStatus", "UP")
                    .hasEntrySatisfying("reason", reason -> assertThat((String) reason).startsWith("last check completed"));
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void refusesAStalenessBoundAFreshResultCouldExceed() {
        assertThatThrownBy(() -> new HealthCheckSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(8)))
                .hasMessageContaining("stale-after");
        assertThatThrownBy(() -> new HealthCheckSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(30)))
                .hasMessageContaining("retry-interval");
    }

    /** Checks every {@code interval}, up or down; results stale after a time the test never reaches by itself. */
    private static HealthCheckSettings settings(Duration interval) {
        return new HealthCheckSettings(interval, interval, Duration.ofMinutes(1), interval.plus(NEVER).plus(NEVER));
    }
}
