package dev.seatflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void requestIsDueAtStartPlusIndexOverRate() {
        Schedule schedule = new Schedule(1_000, 200);
        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 5_000_000);
        assertThat(schedule.intendedNanos(1_000)).isEqualTo(1_000 + 5_000_000_000L);
    }

    @Test
    void periodsThatAreNotWholeNanosecondsDoNotDrift() {
        Schedule schedule = new Schedule(0, 3); // 333,333,333.3 ns apart
        assertThat(schedule.intendedNanos(3)).isEqualTo(1_000_000_000L);
        assertThat(schedule.intendedNanos(3 * 3_600)).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void countsTheRequestsDueInAWindow() {
        assertThat(new Schedule(0, 200).countWithin(1_000_000_000L)).isEqualTo(200);
        assertThat(new Schedule(0, 200).countWithin(1_000_000_001L)).isEqualTo(201);
        assertThat(new Schedule(0, 3).countWithin(1_000_000_000L)).isEqualTo(3);
        assertThat(new Schedule(0, 0.5).countWithin(10_000_000_000L)).isEqualTo(5);
        assertThat(new Schedule(0, 200).countWithin(0)).isZero();
    }

    @Test
    void aBurstIsDueAllAtOnce() {
        Schedule burst = new Schedule(42, Double.POSITIVE_INFINITY);
        assertThat(burst.intendedNanos(0)).isEqualTo(42);
        assertThat(burst.intendedNanos(10_000)).isEqualTo(42);
    }

    @Test
    void rejectsRatesThatAreNotPositive() {
        assertThatThrownBy(() -> new Schedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schedule(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
