package dev.seatflow.bench;

import dev.seatflow.bench.baseline.BaselineServer;
import dev.seatflow.bench.report.Report;
import dev.seatflow.bench.system.Launchers;
import dev.seatflow.bench.system.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar seatflow-bench.jar [options]}: launches a fresh platform and the baseline (or
 * uses {@code --url}), runs the scenarios or the find-max search, prints one table per scenario and
 * writes the JSON report. {@code java -jar seatflow-bench.jar baseline-server ...} runs the baseline
 * server itself (the harness starts it that way in a JVM of its own).
 */
public final class BenchMain {

    private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("baseline-server")) {
            BaselineServer.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(args, System.out));
    }

    /** Runs the harness, printing the tables (or the usage) to {@code out}; returns the exit status. */
    static int run(String[] args, PrintStream out) {
        BenchCommand command = new BenchCommand();
        CommandLine cli = BenchCommand.commandLine(command);
        BenchOptions options;
        try {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested()) {
                cli.usage(out);
                return CommandLine.ExitCode.OK;
            }
            options = command.options();
        } catch (CommandLine.ParameterException e) {
            out.println(e.getMessage());
            cli.usage(out);
            return CommandLine.ExitCode.USAGE;
        }
        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String started = Instant.now().toString();
        Map<String, Object> environment = environment(options, runId);
        Launchers launchers = new Launchers(options, runId);
        List<Target> targets = new ArrayList<>();
        BenchRunner runner = null;
        try {
            if (options.seatflow()) {
                targets.add(options.url() != null ? new Target("seatflow", options.url()) : launchers.platform());
            }
            if (options.baseline()) {
                targets.add(launchers.baseline());
            }
            runner = new BenchRunner(options, targets, "b" + runId, out);
            runner.prime();
            if (options.findMax()) {
                runner.findMax();
            } else {
                runner.runScenarios();
            }
            Report report = new Report(started, Instant.now().toString(), options.label(), List.of(args), environment,
                    runner.points, runner.bursts, runner.findMax, runner.overloads);
            write(report, options.out());
            out.printf("%nreport written to %s%n", options.out().toAbsolutePath());
            return 0;
        } catch (RuntimeException e) {
            log.error("benchmark failed: {}", e.getMessage(), e);
            return 1;
        } finally {
            if (runner != null) {
                runner.close();
            }
            targets.forEach(Target::close);
            if (!targets.isEmpty()) {
                launchers.cleanPostgres();
                launchers.cleanRedis("b" + runId);
                launchers.cleanDataDirs();
            }
        }
    }

    private static Map<String, Object> environment(BenchOptions options, String runId) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("runId", runId);
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        environment.put("target", options.url() != null ? options.url() : "launched " + options.launcherJar());
        environment.put("signing", options.signing());
        environment.put("platformProps", options.platformProps());
        environment.put("platformJvm", options.platformJvmOptions());
        environment.put("baselineJvm", options.baselineJvmOptions());
        return environment;
    }

    private static void write(Report report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(file, json.writeValueAsString(report));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}
