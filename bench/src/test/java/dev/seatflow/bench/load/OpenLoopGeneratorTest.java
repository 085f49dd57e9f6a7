package dev.seatflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.bench.load.OpenLoopGenerator.Plan;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real time, about 2 s per test: the schedule, warm-up exclusion and latency from the intended send time. */
class OpenLoopGeneratorTest {

    private static final long MS = 1_000_000;

    private final ScheduledExecutorService server = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    /**
     * A fake server answering in 2 ms, except that it freezes (a GC pause, a stuck commit) for
     * {@code stallMs} starting {@code stallAfterMs} after the first request: whatever arrives in that
     * time is answered when the stall ends.
     */
    private Transport slowServer(long stallAfterMs, long stallMs) {
        AtomicLong first = new AtomicLong();
        return (call, callback) -> {
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            long stallStart = first.get() + stallAfterMs * MS;
            long stallEnd = stallStart + stallMs * MS;
            long answerAt = now >= stallStart && now < stallEnd ? stallEnd : now + 2 * MS;
            server.schedule(() -> callback.completed(200, new byte[0]), answerAt - System.nanoTime(), TimeUnit.NANOSECONDS);
        };
    }

    @Test
    void chargesAStallToEveryRequestItDelayed() {
        OpenLoopGenerator generator = new OpenLoopGenerator(slowServer(700, 500));
        RunResult result = generator.run(Plan.steady(200, Duration.ofMillis(200), Duration.ofMillis(1500)),
                index -> Call.of("op", "GET", "/", null, null), Map.of());

        OperationResult op = result.total();
        // Open loop: the stall does not slow the sender, so every intended request of the window is measured.
        assertThat(op.requests()).isEqualTo(300);
        assertThat(op.errors()).isZero();
        // 100 requests arrive during the 500 ms stall (a third of the window), waiting up to 500 ms:
        // a closed loop would have recorded one slow request; here the upper percentiles show all of them.
        assertThat(op.latency().p50()).isLessThan(50);
        assertThat(op.latency().p90()).isGreaterThan(100);
        assertThat(op.latency().max()).isBetween(450.0, 650.0);
        assertThat(result.sendLag().p99()).isLessThan(50);
    }

    @Test
    void latencyCountsFromTheIntendedTimeWhenTheSenderItselfFallsBehind() {
        OpenLoopGenerator generator = new OpenLoopGenerator(slowServer(0, 0));
        RunResult result = generator.run(Plan.steady(100, Duration.ZERO, Duration.ofMillis(1000)), index -> {
            if (index == 30) {
                sleep(300); // the generator paused (e.g. its own GC): the next requests go out late
            }
            return Call.of("op", "GET", "/", null, null);
        }, Map.of());

        assertThat(result.total().requests()).isEqualTo(100);
        // The request due when the pause began waited about 300 ms before it was even sent.
        assertThat(result.total().latency().max()).isGreaterThan(290);
        assertThat(result.sendLag().max()).isGreaterThan(290);
    }

    @Test
    void warmUpRequestsAreSentButNotRecorded() {
        AtomicLong sent = new AtomicLong();
        Transport counting = (call, callback) -> {
            sent.incrementAndGet();
            callback.completed(201, new byte[0]);
        };
        RunResult result = new OpenLoopGenerator(counting).run(Plan.steady(100, Duration.ofMillis(500), Duration.ofMillis(1000)),
                index -> Call.of("acquire", "POST", "/", null, null), Map.of("acquire", Set.of(201)));

        assertThat(sent.get()).isEqualTo(150);
        assertThat(result.sent()).isEqualTo(150);
        assertThat(result.total().requests()).isEqualTo(100);
        assertThat(result.operations()).extracting(OperationResult::operation).containsExactly("acquire");
    }

    @Test
    void unexpectedStatusesAndFailuresAreErrorsCountedByOutcome() {
        AtomicLong n = new AtomicLong();
        Transport flaky = (call, callback) -> {
            long i = n.getAndIncrement();
            if (i % 10 == 0) {
                callback.failed(new java.util.concurrent.TimeoutException("slow"));
            } else if (i % 10 == 1) {
                callback.completed(503, new byte[0]);
            } else {
                callback.completed(200, new byte[0]);
            }
        };
        RunResult result = new OpenLoopGenerator(flaky).run(Plan.steady(200, Duration.ZERO, Duration.ofMillis(500)),
                index -> Call.of("heartbeat", "PATCH", "/", null, null), Map.of("heartbeat", Set.of(200)));

        assertThat(result.total().requests()).isEqualTo(100);
        assertThat(result.total().errors()).isEqualTo(20);
        assertThat(result.total().outcomes()).containsEntry("200", 80L).containsEntry("503", 10L).containsEntry("timeout", 10L);
        assertThat(result.total().achievedPerSecond()).isEqualTo(160.0);
    }

    @Test
    void aBurstSendsEverythingAtOnceAndMeasuresFromTheCommonStart() {
        RunResult result = new OpenLoopGenerator(slowServer(0, 0)).run(Plan.burst(50),
                index -> Call.of("burst-acquire", "POST", "/", null, null), Map.of());

        assertThat(result.total().requests()).isEqualTo(50);
        assertThat(result.sent()).isEqualTo(50);
        assertThat(result.total().latency().max()).isLessThan(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void judgesRefusalsApartFromAnswersAndReportsEverySecondsP99() {
        byte[] overloaded = "{\"type\":\"about:blank\",\"status\":503,\"code\":\"overloaded\"}".getBytes();
        AtomicLong count = new AtomicLong();
        // Every fourth request is refused at once; the others take 2 ms, except those sent in the
        // first 400 ms of the window, which wait 800 ms (compared, not bounded: the machine may be busy).
        Transport server = (call, callback) -> {
            long n = count.incrementAndGet();
            if (n % 4 == 0) {
                callback.completed(503, overloaded);
                return;
            }
            long delay = n <= 80 ? 800 : 2;
            this.server.schedule(() -> callback.completed(200, new byte[0]), delay, TimeUnit.MILLISECONDS);
        };
        RunResult result = new OpenLoopGenerator(server).run(Plan.steady(200, Duration.ZERO, Duration.ofSeconds(2)),
                index -> Call.of("op", "GET", "/", null, null), Map.of("op", Set.of(200)));

        OperationResult op = result.total();
        assertThat(op.outcomes()).containsOnlyKeys("200", "503:overloaded");
        assertThat(op.outcomes().get("503:overloaded")).isEqualTo(100);
        assertThat(op.okLatency().p99()).isGreaterThanOrEqualTo(800);
        assertThat(op.latencyByOutcome().get("503:overloaded").p99()).isLessThan(op.okLatency().p99() / 2);
        assertThat(op.p99BySecond()).hasSize(2);
        assertThat(op.p99BySecond().get(0)).isGreaterThanOrEqualTo(800);
        assertThat(op.p99BySecond().get(1)).isLessThan(op.p99BySecond().get(0) / 2);
    }

    @Test
    void namesA503ByItsProblemCode() {
        assertThat(OpenLoopGenerator.outcomeOf(503, "{\"code\": \"decision_pending\"}".getBytes())).isEqualTo("503:decision_pending");
        assertThat(OpenLoopGenerator.outcomeOf(503, "Service Unavailable".getBytes())).isEqualTo("503");
        assertThat(OpenLoopGenerator.outcomeOf(409, "{\"code\":\"seats_exhausted\"}".getBytes())).isEqualTo("409");
    }
}
