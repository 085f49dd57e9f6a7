package dev.seatflow.bench;

import dev.seatflow.bench.OptionConverters.DurationConverter;
import dev.seatflow.bench.OptionConverters.NonNegativeConverter;
import dev.seatflow.bench.OptionConverters.RateConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The harness's command line; {@link #options()} turns what picocli parsed into {@link BenchOptions}. */
@Command(name = "java -jar bench/target/seatflow-bench.jar", abbreviateSynopsis = true, sortOptions = false,
        showDefaultValues = true, usageHelpAutoWidth = true,
        description = "Launches a fresh platform and the baseline (or uses --url), runs the scenarios or the find-max "
                + "search, prints one table per scenario and writes the JSON report.",
        footer = {"", "java -jar bench/target/seatflow-bench.jar baseline-server [Spring arguments] runs the baseline "
                + "server itself (the harness starts it that way, in a JVM of its own)."})
final class BenchCommand {

    @Spec
    private CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--scenarios", paramLabel = "SCENARIO", split = ",", defaultValue = "all", completionCandidates = Scenarios.class,
            description = "Scenarios to run: all (every one but overload), or some of ${COMPLETION-CANDIDATES}.")
    private List<String> scenarios;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured time per point, e.g. 30s, 500ms, 2m.")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "Excluded warm-up per point.")
    private Duration warmup;

    @Option(names = "--rates", paramLabel = "RATE", split = ",", defaultValue = "50,100,200,400", converter = RateConverter.class,
            description = "Acquire-only rates (requests/s).")
    private List<Double> acquireRates;

    @Option(names = "--mixed-rates", paramLabel = "RATE", split = ",", defaultValue = "200", converter = RateConverter.class,
            description = "Mixed rates: 40%% acquire / 40%% heartbeat / 20%% release.")
    private List<Double> mixedRates;

    @Option(names = "--heartbeat-rates", paramLabel = "RATE", split = ",", defaultValue = "500,1000,2000",
            converter = RateConverter.class, description = "Heartbeat-only rates.")
    private List<Double> heartbeatRates;

    @Option(names = "--burst-requests", paramLabel = "N", defaultValue = "200", converter = NonNegativeConverter.class,
            description = "Acquires sent at once in each burst round.")
    private int burstRequests;

    @Option(names = "--burst-seats", paramLabel = "N", defaultValue = "10", converter = NonNegativeConverter.class,
            description = "Seats the burst competes for (the license's limit).")
    private int burstSeats;

    @Option(names = "--burst-rounds", paramLabel = "N", defaultValue = "5", converter = NonNegativeConverter.class,
            description = "Burst rounds.")
    private int burstRounds;

    @Option(names = "--tenants", paramLabel = "N", defaultValue = "10", converter = NonNegativeConverter.class,
            description = "Tenants of the fixture of each scenario.")
    private int tenants;

    @Option(names = "--licenses", paramLabel = "N", defaultValue = "5", converter = NonNegativeConverter.class,
            description = "Licenses per tenant.")
    private int licenses;

    @Option(names = "--users", paramLabel = "N", defaultValue = "5", converter = NonNegativeConverter.class,
            description = "Users per tenant.")
    private int users;

    @Option(names = "--heartbeat-sessions", paramLabel = "N", defaultValue = "1000", converter = NonNegativeConverter.class,
            description = "Live sessions before the heartbeat scenario starts.")
    private int heartbeatSessions;

    @Option(names = "--mixed-sessions", paramLabel = "N", defaultValue = "200", converter = NonNegativeConverter.class,
            description = "Live sessions before the mixed scenario starts.")
    private int mixedSessions;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench-report.json",
            description = "JSON report (the tables go to the console).")
    private Path out;

    @Option(names = "--url", paramLabel = "http://host:8080", description = "Measure a running Seatflow instead of launching one "
            + "(it must run the local token issuer: POST /dev/tokens).")
    private String url;

    @Option(names = "--no-baseline", description = "Measure only Seatflow.")
    private boolean noBaseline;

    @Option(names = "--no-seatflow", description = "Measure only the baseline.")
    private boolean noSeatflow;

    @Option(names = "--signing", paramLabel = "RSA_4096|ED25519", defaultValue = "RSA_4096",
            description = "License signing algorithm, for both systems.")
    private String signing;

    @Option(names = "--platform-prop", paramLabel = "NAME=VALUE", showDefaultValue = Visibility.NEVER,
            description = {"Spring property for the launched platform (repeatable), e.g.", "  seatflow.processor.commit-interval=100ms"})
    private List<String> platformProps = List.of();

    @Option(names = "--platform-jvm", paramLabel = "OPTIONS", defaultValue = "-Xmx2g", description = "JVM options of the platform.")
    private String platformJvmOptions;

    @Option(names = "--baseline-jvm", paramLabel = "OPTIONS", defaultValue = "-Xmx2g", description = "JVM options of the baseline.")
    private String baselineJvmOptions;

    @Option(names = "--launcher-jar", paramLabel = "FILE", defaultValue = "launcher/target/seatflow-launcher.jar",
            description = "The platform to launch.")
    private Path launcherJar;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "bench/target/work",
            description = "Data directories and child logs.")
    private Path workDir;

    @Option(names = "--pg-host", paramLabel = "H", defaultValue = "127.0.0.1", description = "Postgres of both systems.")
    private String pgHost;

    @Option(names = "--pg-port", paramLabel = "N", defaultValue = "5432", converter = NonNegativeConverter.class,
            description = "Postgres port.")
    private int pgPort;

    @Option(names = "--pg-user", paramLabel = "U", defaultValue = "postgres", description = "Postgres user.")
    private String pgUser;

    @Option(names = "--pg-password", paramLabel = "P", defaultValue = "", showDefaultValue = Visibility.NEVER,
            description = "Postgres password (default: none).")
    private String pgPassword;

    @Option(names = "--pg-database", paramLabel = "D", defaultValue = "seatflow_bench",
            description = "Postgres database (created if missing).")
    private String pgDatabase;

    @Option(names = "--redis-uri", paramLabel = "URI", defaultValue = "redis://127.0.0.1:6379", description = "Redis of both systems.")
    private String redisUri;

    @Option(names = "--find-max", description = "Search the highest rate whose p99 stays under --p99-bound.")
    private boolean findMax;

    @Option(names = "--find-max-scenario", paramLabel = "acquire|heartbeat", defaultValue = "acquire",
            description = "Scenario of the find-max search.")
    private String findMaxScenario;

    @Option(names = "--p99-bound", paramLabel = "TIME", defaultValue = "50ms", converter = DurationConverter.class,
            description = "p99 bound of the find-max search.")
    private Duration p99Bound;

    @Option(names = "--start-rate", paramLabel = "RATE", defaultValue = "50", converter = RateConverter.class,
            description = "First rate of the find-max search.")
    private double startRate;

    @Option(names = "--max-rate", paramLabel = "RATE", defaultValue = "4000", converter = RateConverter.class,
            description = "Highest rate the find-max search tries.")
    private double maxRate;

    @Option(names = "--overload-scenario", paramLabel = "acquire|heartbeat", defaultValue = "heartbeat",
            description = "Requests of the overload scenario.")
    private String overloadScenario;

    @Option(names = "--overload-rate", paramLabel = "RATE", defaultValue = "2000", converter = RateConverter.class,
            description = "Offered rate of the overload scenario (e.g. twice the highest sustainable one).")
    private double overloadRate;

    @Option(names = "--normal-rate", paramLabel = "RATE", defaultValue = "500", converter = RateConverter.class,
            description = "Rate before and after the overload: its p99 is what recovery returns to.")
    private double normalRate;

    @Option(names = "--recovery", paramLabel = "TIME", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long the normal rate is measured right after the overload.")
    private Duration recovery;

    @Option(names = "--settle", paramLabel = "TIME", defaultValue = "3s", converter = DurationConverter.class,
            description = "Pause between points (and until the system is idle).")
    private Duration settle;

    @Option(names = "--prime", paramLabel = "TIME", defaultValue = "150s", converter = DurationConverter.class,
            description = "Unrecorded mixed load on each fresh system first: the platform JVM compiles for ~2.5 min under "
                    + "load before it is steady.")
    private Duration prime;

    @Option(names = "--prime-rate", paramLabel = "RATE", defaultValue = "60", converter = RateConverter.class,
            description = "Rate of the priming load.")
    private double primeRate;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "4096", converter = NonNegativeConverter.class,
            description = "Client connection pool size.")
    private int maxConnections;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "Per-request timeout.")
    private Duration timeout;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "", showDefaultValue = Visibility.NEVER,
            description = "Recorded in the report.")
    private String label;

    /** Picocli with the harness's conventions: a repeated single-valued option's last value wins, as before. */
    static CommandLine commandLine(BenchCommand command) {
        return new CommandLine(command).setOverwrittenOptionsAllowed(true);
    }

    /** The parsed options, checked beyond what their types ensure. */
    BenchOptions options() {
        List<String> chosen = scenarios.stream().map(String::trim).toList();
        if (chosen.equals(List.of("all"))) {
            chosen = BenchOptions.ALL_SCENARIOS;
        }
        for (String scenario : chosen) {
            check(BenchOptions.KNOWN_SCENARIOS.contains(scenario),
                    "unknown scenario '" + scenario + "'; choose from " + BenchOptions.KNOWN_SCENARIOS);
        }
        String algorithm = signing.toUpperCase(Locale.ROOT);
        check(algorithm.equals("RSA_4096") || algorithm.equals("ED25519"), "--signing must be RSA_4096 or ED25519");
        check(findMaxScenario.equals("acquire") || findMaxScenario.equals("heartbeat"), "--find-max-scenario must be acquire or heartbeat");
        check(overloadScenario.equals("acquire") || overloadScenario.equals("heartbeat"), "--overload-scenario must be acquire or heartbeat");
        check(!noSeatflow || !noBaseline, "--no-seatflow and --no-baseline leave nothing to measure");
        for (String prop : platformProps) {
            check(prop.contains("="), "--platform-prop must be NAME=VALUE, got '" + prop + "'");
        }
        return new BenchOptions(chosen, duration, warmup, List.copyOf(acquireRates), List.copyOf(mixedRates), List.copyOf(heartbeatRates),
                burstRequests, burstSeats, burstRounds, tenants, licenses, users, heartbeatSessions, mixedSessions, out, url,
                !noBaseline, !noSeatflow, algorithm, List.copyOf(platformProps), platformJvmOptions, baselineJvmOptions, launcherJar,
                workDir, new BenchOptions.Postgres(pgHost, pgPort, pgUser, pgPassword, pgDatabase), redisUri, findMax, findMaxScenario,
                p99Bound, startRate, maxRate, settle, prime, primeRate, maxConnections, timeout, label,
                new BenchOptions.Overload(overloadScenario, overloadRate, normalRate, recovery));
    }

    /** The scenario names, for the usage text. */
    static final class Scenarios implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BenchOptions.KNOWN_SCENARIOS.iterator();
        }
    }

    private void check(boolean condition, String problem) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }
}
