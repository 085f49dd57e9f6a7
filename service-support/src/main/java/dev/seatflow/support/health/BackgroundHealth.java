package dev.seatflow.support.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A dependency's health as its last background check saw it. Probes must answer at once whatever
 * the dependency does: evaluated inside the probe, a check runs on the web server's event loop (a
 * blocking connect there stalls every request on that loop) and the probe waits for the slowest
 * one. Here the check runs on a thread of its own, one run at a time, bounded by the timeout; the
 * probe only reads the result. No result yet, or one older than the staleness bound (the check is
 * stuck in a call that ignores the timeout, or stopped), reports DOWN and says why.
 */
public final class BackgroundHealth implements ReactiveHealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundHealth.class);

    private final String name;
    private final HealthCheck check;
    private final HealthCheckSettings settings;
    private final Clock clock;
    private final Instant since;
    /** The check's own thread: whatever it blocks on, it blocks nothing else. */
    private final Scheduler worker;
    /** Delays and timeouts: never the worker, so a timeout fires while the check blocks. */
    private final Scheduler timer = Schedulers.parallel();
    private final AtomicReference<Result> last = new AtomicReference<>();
    private volatile Disposable next;
    private volatile boolean closed;

    private BackgroundHealth(String name, HealthCheck check, HealthCheckSettings settings, Clock clock) {
        this.name = name;
        this.check = check;
        this.settings = settings;
        this.clock = clock;
        this.since = clock.instant();
        this.worker = Schedulers.newSingle("health-" + name, true);
    }

    /** Checks now, then every interval (retry interval while down) until closed. */
    public static BackgroundHealth start(String name, HealthCheckSettings settings, HealthCheck check) {
        return start(name, settings, Clock.systemUTC(), check);
    }

    static BackgroundHealth start(String name, HealthCheckSettings settings, Clock clock, HealthCheck check) {
        BackgroundHealth health = new BackgroundHealth(name, check, settings, clock);
        health.schedule(Duration.ZERO);
        return health;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(this::current);
    }

    /** The last result, or DOWN when there is none or it is stale. Never waits. */
    public Health current() {
        Result result = last.get();
        if (closed) {
            return Health.down().withDetail("reason", "checks stopped").build();
        }
        if (result == null) {
            return Health.down().withDetail("reason", "no check has completed yet").withDetail("waitingSince", since.toString()).build();
        }
        Duration age = Duration.between(result.at(), clock.instant());
        if (age.compareTo(settings.staleAfter()) > 0) {
            return Health.down()
                    .withDetail("reason", "last check completed " + age.toSeconds() + " s ago, over the "
                            + settings.staleAfter().toSeconds() + " s bound")
                    .withDetail("lastStatus", result.health().getStatus().getCode())
                    .withDetail("checkedAt", result.at().toString()).build();
        }
        return Health.status(result.health().getStatus()).withDetails(result.health().getDetails())
                .withDetail("checkedAt", result.at().toString()).build();
    }

    private void schedule(Duration delay) {
        if (!closed) {
            next = Mono.delay(delay, timer).then(runOnce()).subscribe(this::record);
        }
    }

    private Mono<Health> runOnce() {
        return Mono.defer(check::check)
                .subscribeOn(worker)
                .timeout(settings.timeout(), timer)
                .defaultIfEmpty(Health.down().withDetail("reason", "the check gave no result").build())
                .onErrorResume(error -> Mono.just(failed(error)));
    }

    private Health failed(Throwable error) {
        return error instanceof TimeoutException
                ? Health.down().withDetail("reason", "the check did not complete within " + settings.timeout().toMillis() + " ms").build()
                : Health.down(error).build();
    }

    private void record(Health health) {
        Result previous = last.getAndSet(new Result(health, clock.instant()));
        logChange(previous == null ? null : previous.health().getStatus(), health);
        schedule(Status.UP.equals(health.getStatus()) ? settings.interval() : settings.retryInterval());
    }

    /** Changes only (and a first result that is not UP): a steady state logs nothing. */
    private void logChange(Status before, Health now) {
        Status status = now.getStatus();
        if (status.equals(before) || (before == null && Status.UP.equals(status))) {
            return;
        }
        (Status.UP.equals(status) ? log.atInfo() : log.atWarn())
                .addKeyValue("health_check", name)
                .addKeyValue("status", status.getCode())
                .addKeyValue("previous_status", before == null ? "NONE" : before.getCode())
                .log("health check {} is {}: {}", name, status.getCode(), now.getDetails());
    }

    /** Stops the checks and their thread (interrupting a check that blocks). */
    @Override
    public void close() {
        closed = true;
        Disposable scheduled = next;
        if (scheduled != null) {
            scheduled.dispose();
        }
        worker.dispose();
    }

    private record Result(Health health, Instant at) {
    }
}
