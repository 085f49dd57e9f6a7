package dev.seatflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** Command-line options of the harness, as {@link BenchCommand} declares them. */
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
        String label,
        Overload overload) {

    /** What {@code --scenarios=all} runs. */
    public static final List<String> ALL_SCENARIOS = List.of("acquire", "mixed", "burst", "heartbeat");
    /** Every scenario; overload only when named (it saturates the machine on purpose). */
    public static final List<String> KNOWN_SCENARIOS = List.of("acquire", "mixed", "burst", "heartbeat", "overload");

    /**
     * The overload scenario: a point at {@code normalRate}, then one at {@code offeredRate}, followed
     * without a pause by {@code recovery} at {@code normalRate} again.
     *
     * @param scenario acquire or heartbeat
     */
    public record Overload(String scenario, double offeredRate, double normalRate, Duration recovery) {
    }

    public record Postgres(String host, int port, String user, String password, String database) {

        public String jdbcUrl(String database, String schema) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + (schema == null ? "" : "?currentSchema=" + schema);
        }
    }

    /**
     * Parses a command line as {@code java -jar seatflow-bench.jar} does (see its {@code --help}).
     *
     * @throws IllegalArgumentException naming the option that is unknown or wrong
     */
    public static BenchOptions parse(String... args) {
        BenchCommand command = new BenchCommand();
        try {
            BenchCommand.commandLine(command).parseArgs(args);
            return command.options();
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
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
}
