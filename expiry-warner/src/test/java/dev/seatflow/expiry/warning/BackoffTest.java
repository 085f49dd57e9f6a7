package dev.seatflow.expiry.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void doublesFromTheBaseUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(backoff.ceiling(8)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofHours(1));
    }

    @RepeatedTest(20)
    void jittersWithinTheUpperHalfOfTheCeiling() {
        for (int failures = 1; failures < 12; failures++) {
            Duration delay = backoff.delay(failures);
            assertThat(delay).isBetween(backoff.ceiling(failures).dividedBy(2), backoff.ceiling(failures));
        }
    }
}
