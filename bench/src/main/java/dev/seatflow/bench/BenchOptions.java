package dev.seatflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command-line options ({@code --name=value}, flags without a value, {@code --platform-prop} repeatable). */
public record BenchOptions(
        List<String> scenarios,
        Duration duration,
        Duration warmup,
        List<Double> acquireRates,
        List<Double> mixedRates,
        List<Double> heartbeatRates,
        int burstRequests,
        int burstSeats,
        int burstRounds,
        int tenants,
        int licenses,
        int users,
        int heartbeatSessions,
        int mixedSessions,
        Path out,
        String url,
        boolean baseline,
        boolean seatflow,
        String signing,
        List<String> platformProps,
        String platformJvmOptions,
        String baselineJvmOptions,
        Path launcherJar,
        Path workDir,
        Postgres postgres,
        String redisUri,
        boolean findMax,
        String findMaxScenario,
        Duration p99Bound,
        double startRate,
        double maxRate,
        Duration settle,
        Duration prime,
        double primeRate,
        int maxConnections,
        Duration timeout,
        String label) {

    public static final List<String> ALL_SCENARIOS = List.of("acquire", "mixed", "burst", "heartbeat");

    public static final String USAGE = """
            usage: java -jar bench/target/seatflow-bench.jar [options]
              --scenarios=all|acquire,mixed,burst,heartbeat   (default all)
              --duration=30s --warmup=10s            measured time and excluded warm-up per point
              --rates=50,100,200,400                 acquire-only rates (requests/s)
              --mixed-rates=200                      mixed 40% acquire / 40% heartbeat / 20% release
              --heartbeat-rates=500,1000,2000        heartbeat-only rates
              --burst-requests=200 --burst-seats=10 --burst-rounds=5
              --tenants=10 --licenses=5 --users=5    fixture per scenario (licenses and users per tenant)
              --heartbeat-sessions=1000 --mixed-sessions=200   live sessions before those scenarios start
              --out=bench-report.json                JSON report (the tables go to the console)
              --url=http://host:8080                 measure a running Seatflow instead of launching one
                                                      (it must run the local token issuer: POST /dev/tokens)
              --no-baseline | --no-seatflow          measure only one of the two
              --signing=RSA_4096|ED25519             license signing algorithm, for both (default RSA_4096)
              --platform-prop=NAME=VALUE             Spring property for the launched platform (repeatable),
                                                      e.g. seatflow.processor.commit-interval=100ms
              --platform-jvm="-Xmx2g" --baseline-jvm="-Xmx2g"   JVM options of the two children
              --launcher-jar=launcher/target/seatflow-launcher.jar
              --work-dir=bench/target/work           data directories and child logs
              --pg-host=127.0.0.1 --pg-port=5432 --pg-user=postgres --pg-password= --pg-database=seatflow_bench
              --redis-uri=redis://127.0.0.1:6379
              --find-max --p99-bound=50ms            highest rate whose p99 stays under the bound
              --find-max-scenario=acquire|heartbeat  --start-rate=50 --max-rate=4000
              --settle=3s                            pause between points (and until the system is idle)
              --prime=150s --prime-rate=60           unrecorded mixed load on each fresh system first: the platform JVM
                                                      compiles for ~2.5 min under load before it is steady
              --max-connections=4096 --timeout=10s   client pool and per-request timeout
              --label=TEXT                           recorded in the report
            """;

    public record Postgres(String host, int port, String user, String password, String database) {

        public String jdbcUrl(String database, String schema) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + (schema == null ? "" : "?currentSchema=" + schema);
        }
    }

    public static BenchOptions parse(String... args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String[] parts = arg.substring(2).split("=", 2);
            values.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts.length > 1 ? parts[1] : "true");
        }
        Reader r = new Reader(values);
        String scenarioList = r.text("scenarios", "all");
        List<String> scenarios = scenarioList.equals("all") ? ALL_SCENARIOS : Arrays.stream(scenarioList.split(",")).map(String::trim).toList();
        for (String scenario : scenarios) {
            if (!ALL_SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario '" + scenario + "'; choose from " + ALL_SCENARIOS);
            }
        }
        String signing = r.text("signing", "RSA_4096").toUpperCase(Locale.ROOT);
        if (!signing.equals("RSA_4096") && !signing.equals("ED25519")) {
            throw new IllegalArgumentException("--signing must be RSA_4096 or ED25519");
        }
        String findMaxScenario = r.text("find-max-scenario", "acquire");
        if (!findMaxScenario.equals("acquire") && !findMaxScenario.equals("heartbeat")) {
            throw new IllegalArgumentException("--find-max-scenario must be acquire or heartbeat");
        }
        BenchOptions options = new BenchOptions(
                scenarios,
                r.duration("duration", "30s"),
                r.duration("warmup", "10s"),
                r.rates("rates", "50,100,200,400"),
                r.rates("mixed-rates", "200"),
                r.rates("heartbeat-rates", "500,1000,2000"),
                r.number("burst-requests", 200),
                r.number("burst-seats", 10),
                r.number("burst-rounds", 5),
                r.number("tenants", 10),
                r.number("licenses", 5),
                r.number("users", 5),
                r.number("heartbeat-sessions", 1000),
                r.number("mixed-sessions", 200),
                Path.of(r.text("out", "bench-report.json")),
                r.text("url", null),
                !r.flag("no-baseline"),
                !r.flag("no-seatflow"),
                signing,
                r.all("platform-prop"),
                r.text("platform-jvm", "-Xmx2g"),
                r.text("baseline-jvm", "-Xmx2g"),
                Path.of(r.text("launcher-jar", "launcher/target/seatflow-launcher.jar")),
                Path.of(r.text("work-dir", "bench/target/work")),
                new Postgres(r.text("pg-host", "127.0.0.1"), r.number("pg-port", 5432), r.text("pg-user", "postgres"),
                        r.text("pg-password", ""), r.text("pg-database", "seatflow_bench")),
                r.text("redis-uri", "redis://127.0.0.1:6379"),
                r.flag("find-max"),
                findMaxScenario,
                r.duration("p99-bound", "50ms"),
                r.rates("start-rate", "50").get(0),
                r.rates("max-rate", "4000").get(0),
                r.duration("settle", "3s"),
                r.duration("prime", "150s"),
                r.rates("prime-rate", "60").get(0),
                r.number("max-connections", 4096),
                r.duration("timeout", "10s"),
                r.text("label", ""));
        r.rejectUnknown();
        if (!options.seatflow() && !options.baseline()) {
            throw new IllegalArgumentException("--no-seatflow and --no-baseline leave nothing to measure");
        }
        for (String prop : options.platformProps()) {
            if (!prop.contains("=")) {
                throw new IllegalArgumentException("--platform-prop must be NAME=VALUE, got '" + prop + "'");
            }
        }
        return options;
    }

    /** "30s", "500ms", "2m". */
    public static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 500ms or 2m");
    }

    private static final class Reader {
        private final Map<String, List<String>> values;
        private final Set<String> used = new HashSet<>();

        Reader(Map<String, List<String>> values) {
            this.values = values;
        }

        String text(String name, String fallback) {
            used.add(name);
            List<String> given = values.get(name);
            return given == null ? fallback : given.get(given.size() - 1);
        }

        List<String> all(String name) {
            used.add(name);
            return List.copyOf(values.getOrDefault(name, List.of()));
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(text(name, "false"));
        }

        int number(String name, int fallback) {
            String value = text(name, Integer.toString(fallback));
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < 0) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a non-negative number, got '" + value + "'");
            }
        }

        Duration duration(String name, String fallback) {
            return BenchOptions.duration(text(name, fallback));
        }

        List<Double> rates(String name, String fallback) {
            String value = text(name, fallback);
            try {
                List<Double> rates = Arrays.stream(value.split(",")).map(String::trim).map(Double::parseDouble).toList();
                if (rates.stream().anyMatch(rate -> !(rate > 0))) {
                    throw new NumberFormatException();
                }
                return rates;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be positive rates separated by commas, got '" + value + "'");
            }
        }

        void rejectUnknown() {
            for (String name : values.keySet()) {
                if (!used.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
        }
    }
}
