package dev.seatflow.gateway.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final long MS = 1_000_000;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong();
    private final Admission admission = new Admission(bounds(3, 2, Duration.ZERO, 1), meters, now::get);

    private static GatewaySettings.InFlight bounds(int max, int perTenant, Duration targetDelay, int queueFloor) {
        return new GatewaySettings.InFlight(max, perTenant, targetDelay, Duration.ofMillis(100), queueFloor);
    }

    @Test
    void refusesATenantBeyondItsBoundWhileOthersStillGetIn() {
        admission.enter("acme");
        admission.enter("acme");

        assertThatThrownBy(() -> admission.enter("acme")).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(refused.retryAfter()).hasSeconds(1);
        });
        admission.enter("globex");
        assertThat(admission.inFlight()).isEqualTo(3);
        assertThat(refusals("tenant")).isEqualTo(1);
    }

    @Test
    void refusesEveryoneBeyondTheInstanceBoundUntilASlotIsFreed() {
        Admission.Ticket first = admission.enter("acme");
        admission.enter("globex");
        admission.enter("initech");

        assertThatThrownBy(() -> admission.enter("umbrella")).isInstanceOf(ApiException.class);
        first.close();
        admission.enter("umbrella");
        assertThat(refusals("instance")).isEqualTo(1);
    }

    @Test
    void aSlotClosedTwiceIsFreedOnce() {
        Admission.Ticket ticket = admission.enter("acme");
        admission.enter("acme");

        ticket.close();
        ticket.answered();
        ticket.close();

        assertThat(admission.inFlight()).isEqualTo(1);
        assertThatThrownBy(() -> {
            admission.enter("acme");
            admission.enter("acme");
        }).isInstanceOf(ApiException.class);
        assertThat(meters.get("seatflow.gateway.commands.in_flight").gauge().value()).isEqualTo(2);
    }

    @Test
    void refusesWhileEvenTheFastestAnswersOfAnIntervalQueuedAndAdmitsAgainOnceTheQueueIsGone() {
        Admission delayed = new Admission(bounds(1000, 1000, Duration.ofMillis(50), 4), meters, now::get);
        List<Admission.Ticket> queue = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queue.add(delayed.enter("acme"));
        }
        // Every answer waited 80 ms or more, over more than an interval: a standing queue.
        now.addAndGet(80 * MS);
        queue.remove(0).answered();
        now.addAndGet(60 * MS);
        queue.remove(0).answered();
        now.addAndGet(60 * MS);
        queue.remove(0).answered();

        assertThatThrownBy(() -> delayed.enter("acme")).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.OVERLOADED));
        assertThat(refusals("delay")).isEqualTo(1);
        assertThat(meters.get("seatflow.gateway.commands.standing_delay").gauge().value()).isGreaterThan(50);

        // Two intervals without an answer: the verdict lapses and commands are admitted to measure afresh.
        now.addAndGet(201 * MS);
        delayed.enter("acme").answered();
        assertThat(delayed.inFlight()).isEqualTo(7);
    }

    @Test
    void neverRefusesForDelayBelowTheQueueFloor() {
        Admission delayed = new Admission(bounds(1000, 1000, Duration.ofMillis(50), 4), meters, now::get);
        // One slow request after another: each waits long, but nothing queues behind it.
        for (int i = 0; i < 5; i++) {
            Admission.Ticket ticket = delayed.enter("acme");
            now.addAndGet(120 * MS);
            ticket.answered();
        }
        delayed.enter("acme");
        delayed.enter("acme");
        delayed.enter("acme");
        delayed.enter("acme");
        assertThatThrownBy(() -> delayed.enter("acme")).isInstanceOf(ApiException.class);
    }

    @Test
    void aBurstThatDrainsWithinAnIntervalIsNoStandingQueue() {
        Admission delayed = new Admission(bounds(1000, 1000, Duration.ofMillis(50), 4), meters, now::get);
        List<Admission.Ticket> burst = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            burst.add(delayed.enter("acme"));
        }
        // Two hundred at once, answered over 90 ms: slow ones among them, but no interval in which all were slow.
        now.addAndGet(5 * MS);
        for (Admission.Ticket ticket : burst) {
            now.addAndGet(450_000);
            ticket.answered();
        }
        for (int i = 0; i < 100; i++) {
            delayed.enter("acme");
        }
        assertThat(refusals("delay")).isZero();
    }

    private double refusals(String limit) {
        return meters.get("seatflow.gateway.commands.refused").tag("limit", limit).counter().count();
    }
}
