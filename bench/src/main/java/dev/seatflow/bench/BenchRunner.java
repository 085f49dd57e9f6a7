package dev.seatflow.bench;

import dev.seatflow.bench.load.Call;
import dev.seatflow.bench.load.NettyTransport;
import dev.seatflow.bench.load.OpenLoopGenerator;
import dev.seatflow.bench.load.OpenLoopGenerator.Plan;
import dev.seatflow.bench.load.OpenLoopGenerator.RequestSource;
import dev.seatflow.bench.load.OperationResult;
import dev.seatflow.bench.load.RunResult;
import dev.seatflow.bench.report.BurstResult;
import dev.seatflow.bench.report.CpuMeter;
import dev.seatflow.bench.report.CpuUsage;
import dev.seatflow.bench.report.FindMaxResult;
import dev.seatflow.bench.report.OverloadResult;
import dev.seatflow.bench.report.PointResult;
import dev.seatflow.bench.report.FreshnessMeter;
import dev.seatflow.bench.report.SigningMeter;
import dev.seatflow.bench.report.ReportTables;
import dev.seatflow.bench.scenario.Fixture;
import dev.seatflow.bench.scenario.SessionPool;
import dev.seatflow.bench.scenario.Workloads;
import dev.seatflow.bench.system.ApiClient;
import dev.seatflow.bench.system.ChildProcess;
import dev.seatflow.bench.system.Target;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scenarios on every target. Points alternate between the targets (Seatflow at 50/s,
 * baseline at 50/s, Seatflow at 100/s, ...) so that background load on the machine, which drifts,
 * hits both alike; the idle one's CPU use is in each point's figures.
 */
final class BenchRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BenchRunner.class);
    private static final int MAX_SEATS = 100_000;
    private static final int SETUP_CONCURRENCY = 16;
    /** The consumers of decided events whose delay the platform publishes: the Redis mirror and the audit log. */
    private static final List<String> FRESHNESS_METRICS = List.of("seatflow_mirror_delay", "seatflow_audit_delay");

    /** A target with its client. */
    private record Side(Target target, NettyTransport transport, ApiClient api, OpenLoopGenerator generator) {
        String name() {
            return target.name();
        }
    }

    private final BenchOptions options;
    private final String tenantPrefix;
    private final PrintStream out;
    private final List<Side> sides = new ArrayList<>();
    private final CpuMeter cpu;
    final List<PointResult> points = new ArrayList<>();
    final List<BurstResult> bursts = new ArrayList<>();
    final List<FindMaxResult> findMax = new ArrayList<>();
    final List<OverloadResult> overloads = new ArrayList<>();
    private long seed = 1;

    BenchRunner(BenchOptions options, List<Target> targets, String tenantPrefix, PrintStream out) {
        this.options = options;
        this.tenantPrefix = tenantPrefix;
        this.out = out;
        Map<String, ChildProcess> children = new LinkedHashMap<>();
        for (Target target : targets) {
            NettyTransport transport = new NettyTransport(target.baseUrl(), options.maxConnections(), options.timeout());
            sides.add(new Side(target, transport, new ApiClient(transport), new OpenLoopGenerator(transport)));
            if (target.process() != null) {
                children.put(target.name(), target.process());
            }
        }
        this.cpu = new CpuMeter(children);
    }

    /**
     * Unrecorded mixed load on each system before anything is measured: a fresh JVM on two cores
     * spends its first minute compiling, and the first scenario would pay for it.
     */
    void prime() {
        if (options.prime().isZero()) {
            return;
        }
        for (Side side : sides) {
            Fixture fixture = Fixture.create(side.api(), tenantPrefix + "-prime", 2, 2, 2, MAX_SEATS);
            SessionPool pool = new SessionPool();
            List<Call> calls = Workloads.acquires(fixture, "prime-setup", 20, seed++);
            Workloads.live(calls, side.api().acquireAll(calls, SETUP_CONCURRENCY)).forEach(pool::add);
            log.info("{}: priming with {}/s mixed load for {} s", side.name(), ReportTables.rate(options.primeRate()), options.prime().toSeconds());
            RunResult run = side.generator().run(Plan.steady(options.primeRate(), options.prime(), Duration.ofSeconds(5)),
                    Workloads.mixed(fixture, pool, "prime", seed++), Workloads.EXPECTED);
            log.info("{}: primed; last 5 s p50 {} ms, p99 {} ms, errors {}", side.name(), run.total().latency().p50(),
                    run.total().latency().p99(), run.total().errors());
        }
    }

    void runScenarios() {
        for (String scenario : options.scenarios()) {
            switch (scenario) {
                case "acquire" -> acquire();
                case "mixed" -> mixed();
                case "burst" -> burst();
                case "heartbeat" -> heartbeat();
                case "overload" -> overload();
                default -> throw new IllegalArgumentException(scenario);
            }
        }
    }

    private void acquire() {
        Map<Side, Fixture> fixtures = fixtures("acq");
        List<PointResult> results = steady("acquire", options.acquireRates(),
                (side, tag) -> Workloads.acquireOnly(fixtures.get(side), tag, seed++));
        out.print(ReportTables.points(String.format(Locale.ROOT, "acquire-only: %d tenants x %d licenses, %d users each; %s",
                options.tenants(), options.licenses(), options.users(), window()), results, Workloads.EXPECTED));
    }

    private void mixed() {
        Map<Side, Fixture> fixtures = fixtures("mix");
        Map<Side, SessionPool> pools = new LinkedHashMap<>();
        for (Side side : sides) {
            SessionPool pool = new SessionPool();
            List<Call> calls = Workloads.acquires(fixtures.get(side), "mix-setup", options.mixedSessions(), seed++);
            Workloads.live(calls, side.api().acquireAll(calls, SETUP_CONCURRENCY)).forEach(pool::add);
            pools.put(side, pool);
        }
        List<PointResult> results = steady("mixed", options.mixedRates(),
                (side, tag) -> Workloads.mixed(fixtures.get(side), pools.get(side), tag, seed++));
        out.print(ReportTables.points(String.format(Locale.ROOT, "mixed 40%% acquire / 40%% heartbeat / 20%% release over %d+ live sessions; %s",
                options.mixedSessions(), window()), results, Workloads.EXPECTED));
    }

    private void heartbeat() {
        Map<Side, List<SessionPool.Live>> sessions = heartbeatSessions();
        List<PointResult> results = steady("heartbeat", options.heartbeatRates(),
                (side, tag) -> Workloads.heartbeats(sessions.get(side)));
        out.print(ReportTables.points(String.format(Locale.ROOT, "heartbeat-only over %d live sessions; %s",
                options.heartbeatSessions(), window()), results, Workloads.EXPECTED));
    }

    private Map<Side, List<SessionPool.Live>> heartbeatSessions() {
        Map<Side, Fixture> fixtures = fixtures("hb");
        Map<Side, List<SessionPool.Live>> sessions = new LinkedHashMap<>();
        for (Side side : sides) {
            List<Call> calls = Workloads.acquires(fixtures.get(side), "hb-setup", options.heartbeatSessions(), seed++);
            sessions.put(side, Workloads.live(calls, side.api().acquireAll(calls, SETUP_CONCURRENCY)));
        }
        return sessions;
    }

    private void burst() {
        List<BurstResult> results = new ArrayList<>();
        int users = Math.max(1, Math.min(10, options.burstRequests()));
        for (int round = 1; round <= options.burstRounds(); round++) {
            for (Side side : sides) {
                Fixture fixture = Fixture.create(side.api(), tenantPrefix + "-burst" + round, 1, 1, users, options.burstSeats());
                Fixture.Tenant tenant = fixture.tenants().get(0);
                List<Call> calls = new ArrayList<>();
                for (int i = 0; i < options.burstRequests(); i++) {
                    calls.add(ApiClient.acquireCall("burst-acquire", tenant.userTokens().get(i % users), tenant.licenseKeys().get(0),
                            "burst-" + round + "-" + i));
                }
                settle(side);
                RunResult run = side.generator().run(Plan.burst(calls.size()), index -> calls.get((int) index), Workloads.EXPECTED);
                OperationResult total = run.total();
                long granted = total.outcomes().getOrDefault("201", 0L);
                long refused = total.outcomes().getOrDefault("409", 0L);
                long other = total.requests() - granted - refused + run.unfinished();
                int inUse = seatsInUse(side, tenant, (int) granted);
                boolean accurate = granted == Math.min(options.burstSeats(), options.burstRequests()) && inUse == granted && other == 0;
                BurstResult result = new BurstResult(side.name(), round, calls.size(), options.burstSeats(), granted, refused, other,
                        inUse, accurate, total.latency());
                log.info("{} burst {}: {} granted, {} refused, {} other, {} in use -> {}", side.name(), round, granted, refused, other,
                        inUse, accurate ? "exact" : "NOT EXACT");
                results.add(result);
            }
        }
        bursts.addAll(results);
        out.print(ReportTables.bursts(String.format(Locale.ROOT, "seat-exhaustion burst: %d acquires at once for %d seats, %d rounds",
                options.burstRequests(), options.burstSeats(), options.burstRounds()), results));
    }

    /** Seats in use as the read side reports them; Seatflow's mirror trails decisions by milliseconds. */
    private static int seatsInUse(Side side, Fixture.Tenant tenant, int granted) {
        int inUse = -1;
        for (int attempt = 0; attempt < 20 && inUse != granted; attempt++) {
            sleep(Duration.ofMillis(250));
            inUse = side.api().seatsInUse(tenant.userTokens().get(0));
        }
        return inUse;
    }

    void findMax() {
        String scenario = options.findMaxScenario();
        Map<Side, Function<String, RequestSource>> sources = sources(scenario, "max");
        double bound = options.p99Bound().toNanos() / 1e6;
        List<FindMaxResult> results = new ArrayList<>();
        for (Side side : sides) {
            List<FindMaxResult.Probe> probes = new ArrayList<>();
            Function<Double, Boolean> once = rate -> {
                PointResult point = point("find-max-" + scenario, side, rate, sources.get(side).apply("max-" + side.name() + "-" + rate));
                OperationResult total = point.run().total();
                String reason = total.latency().p99() > bound ? "p99 over bound"
                        : total.errors() > 0.01 * total.requests() ? "errors over 1%"
                        : total.achievedPerSecond() < 0.95 * rate ? "achieved under 95%"
                        : point.run().unfinished() > 0 ? "unanswered requests" : "";
                probes.add(new FindMaxResult.Probe(rate, reason.isEmpty(), total.latency().p99(), total.achievedPerSecond(), total.errors(), reason));
                return reason.isEmpty();
            };
            // A rate fails only if a second try fails too: one stall (a JIT burst, a GC) in a 20 s
            // window fails a p99 bound alone, and would otherwise cap the search for good.
            Function<Double, Boolean> probe = rate -> once.apply(rate) || once.apply(rate);
            double pass = 0;
            double fail = Double.POSITIVE_INFINITY;
            for (double rate = options.startRate(); rate <= options.maxRate(); rate = Math.round(rate * 1.5)) {
                if (probe.apply(rate)) {
                    pass = rate;
                } else {
                    fail = rate;
                    break;
                }
            }
            // Bisect between the last pass and the first failure to within 10% (at most 4 more probes).
            for (int i = 0; i < 4 && Double.isFinite(fail) && (fail - pass) > 0.1 * fail && fail - pass > 2; i++) {
                double mid = Math.round((pass + fail) / 2);
                if (probe.apply(mid)) {
                    pass = mid;
                } else {
                    fail = mid;
                }
            }
            results.add(new FindMaxResult(side.name(), scenario, bound, pass, Double.isFinite(fail) ? fail : null, List.copyOf(probes)));
        }
        findMax.addAll(results);
        out.print(ReportTables.findMax(results));
    }

    /**
     * Normal load, overload, and the normal load again from the instant the overload's window
     * closes (while its backlog is still being answered), per system.
     */
    private void overload() {
        BenchOptions.Overload plan = options.overload();
        Map<Side, Function<String, RequestSource>> sources = sources(plan.scenario(), "ovl");
        List<OverloadResult> results = new ArrayList<>();
        for (Side side : sides) {
            Function<String, RequestSource> source = sources.get(side);
            PointResult normal = point("overload-normal", side, plan.normalRate(), source.apply("ovl-normal-" + side.name()), () -> { });
            CompletableFuture<RunResult> recovery = new CompletableFuture<>();
            Runnable recover = () -> new Thread(() -> {
                try {
                    recovery.complete(side.generator().run(Plan.steady(plan.normalRate(), Duration.ZERO, plan.recovery()),
                            source.apply("ovl-recovery-" + side.name()), Workloads.EXPECTED));
                } catch (RuntimeException e) {
                    recovery.completeExceptionally(e);
                }
            }, "recovery").start();
            PointResult over = point("overload", side, plan.offeredRate(), source.apply("ovl-" + side.name()), recover);
            OverloadResult result = OverloadResult.of(side.name(), plan.scenario(), normal, over, recovery.join());
            log.info("{} overload: goodput {}/s, refused {}/s, failed {}, recovered after {} s", side.name(),
                    String.format(Locale.ROOT, "%.1f", result.goodputPerSecond()), String.format(Locale.ROOT, "%.1f", result.refusedPerSecond()),
                    result.failed(), result.recoveredAfterSeconds());
            results.add(result);
        }
        overloads.addAll(results);
        out.print(ReportTables.overload(results));
    }

    /** Request sources per system for a scenario that repeats (acquire or heartbeat), by tag. */
    private Map<Side, Function<String, RequestSource>> sources(String scenario, String tag) {
        Map<Side, Function<String, RequestSource>> sources = new LinkedHashMap<>();
        if (scenario.equals("acquire")) {
            Map<Side, Fixture> fixtures = fixtures(tag);
            sides.forEach(side -> sources.put(side, name -> Workloads.acquireOnly(fixtures.get(side), name, seed++)));
        } else {
            Map<Side, List<SessionPool.Live>> sessions = heartbeatSessions();
            sides.forEach(side -> sources.put(side, name -> Workloads.heartbeats(sessions.get(side))));
        }
        return sources;
    }

    private Map<Side, Fixture> fixtures(String tag) {
        Map<Side, Fixture> fixtures = new LinkedHashMap<>();
        for (Side side : sides) {
            log.info("{}: creating {} tenants for {}", side.name(), options.tenants(), tag);
            fixtures.put(side, Fixture.create(side.api(), tenantPrefix + "-" + tag, options.tenants(), options.licenses(),
                    options.users(), MAX_SEATS));
        }
        return fixtures;
    }

    private interface SourceFactory {
        RequestSource source(Side side, String tag);
    }

    private List<PointResult> steady(String scenario, List<Double> rates, SourceFactory sources) {
        List<PointResult> results = new ArrayList<>();
        for (double rate : rates) {
            for (Side side : sides) {
                results.add(point(scenario, side, rate, sources.source(side, scenario + "-" + ReportTables.rate(rate) + "-" + seed)));
            }
        }
        return results;
    }

    private PointResult point(String scenario, Side side, double rate, RequestSource source) {
        return point(scenario, side, rate, source, () -> { });
    }

    /** @param afterWindow runs as the measurement window closes, before the answers still due are awaited */
    private PointResult point(String scenario, Side side, double rate, RequestSource source, Runnable afterWindow) {
        settle(side);
        CpuMeter.Sample[] start = new CpuMeter.Sample[1];
        CpuUsage[] usage = new CpuUsage[1];
        ChildProcess process = side.target().process();
        long[] logRange = new long[2];
        SigningMeter signing = new SigningMeter(side.target().managementUrl());
        SigningMeter.Sample[] signed = new SigningMeter.Sample[2];
        FreshnessMeter freshness = new FreshnessMeter(side.target().serviceManagementUrls(), FRESHNESS_METRICS);
        List<Map<String, TreeMap<Double, Double>>> behind = new ArrayList<>(List.of(Map.of(), Map.of()));
        RunResult run = side.generator().run(Plan.steady(rate, options.warmup(), options.duration()), source, Workloads.EXPECTED,
                open -> {
                    if (open) {
                        start[0] = cpu.sample();
                        signed[0] = signing.sample();
                        behind.set(0, freshness.sample());
                        logRange[0] = process == null ? 0 : process.logSize();
                    } else {
                        usage[0] = start[0].until(cpu.sample());
                        signed[1] = signing.sample();
                        behind.set(1, freshness.sample());
                        logRange[1] = process == null ? 0 : process.logSize();
                        afterWindow.run();
                    }
                });
        Map<String, Long> retries = process == null ? Map.of() : process.producerRetries(logRange[0], logRange[1]);
        PointResult point = new PointResult(scenario, side.name(), rate, run, usage[0], retries,
                signed[0] == null ? null : signed[0].until(signed[1]), FreshnessMeter.between(behind.get(0), behind.get(1)));
        var total = run.total();
        log.info("{} {} at {}/s: achieved {}/s, p50 {} ms, p99 {} ms, max {} ms, errors {}, cpu {}", side.name(), scenario,
                ReportTables.rate(rate), String.format(Locale.ROOT, "%.1f", total.achievedPerSecond()), total.latency().p50(),
                total.latency().p99(), total.latency().max(), total.errors(), usage[0]);
        if (!retries.isEmpty()) {
            log.info("{} logged Kafka produce retries during the window: {}", side.name(), retries);
        }
        points.add(point);
        return point;
    }

    /** Pauses, then waits (up to 2 min) until the target's JVM is nearly idle, so one point's backlog does not hit the next. */
    private void settle(Side side) {
        sleep(options.settle());
        if (side.target().process() == null) {
            return;
        }
        try {
            for (int i = 0; i < 120; i++) {
                double cores = cpu.childCores(side.name(), Duration.ofSeconds(1));
                if (cores < 0.3) {
                    return;
                }
                if (i % 10 == 0) {
                    log.info("{} still busy ({} cores); waiting", side.name(), String.format(Locale.ROOT, "%.2f", cores));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String window() {
        return String.format(Locale.ROOT, "%d s measured after %d s warm-up per point", options.duration().toSeconds(), options.warmup().toSeconds());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        sides.forEach(side -> side.transport().close());
    }
}
