package dev.seatflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaults() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.scenarios()).isEqualTo(BenchOptions.ALL_SCENARIOS);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.acquireRates()).containsExactly(50.0, 100.0, 200.0, 400.0);
        assertThat(options.mixedRates()).containsExactly(200.0);
        assertThat(options.heartbeatRates()).containsExactly(500.0, 1000.0, 2000.0);
        assertThat(List.of(options.burstRequests(), options.burstSeats(), options.burstRounds())).containsExactly(200, 10, 5);
        assertThat(List.of(options.tenants(), options.licenses(), options.users())).containsExactly(10, 5, 5);
        assertThat(List.of(options.heartbeatSessions(), options.mixedSessions(), options.maxConnections())).containsExactly(1000, 200, 4096);
        assertThat(options.out()).isEqualTo(Path.of("bench-report.json"));
        assertThat(options.url()).isNull();
        assertThat(options.baseline()).isTrue();
        assertThat(options.seatflow()).isTrue();
        assertThat(options.signing()).isEqualTo("RSA_4096");
        assertThat(options.platformProps()).isEmpty();
        assertThat(options.platformJvmOptions()).isEqualTo("-Xmx2g");
        assertThat(options.baselineJvmOptions()).isEqualTo("-Xmx2g");
        assertThat(options.launcherJar()).isEqualTo(Path.of("launcher/target/seatflow-launcher.jar"));
        assertThat(options.workDir()).isEqualTo(Path.of("bench/target/work"));
        assertThat(options.postgres()).isEqualTo(new BenchOptions.Postgres("127.0.0.1", 5432, "postgres", "", "seatflow_bench"));
        assertThat(options.redisUri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(options.findMax()).isFalse();
        assertThat(options.findMaxScenario()).isEqualTo("acquire");
        assertThat(options.p99Bound()).isEqualTo(Duration.ofMillis(50));
        assertThat(List.of(options.startRate(), options.maxRate(), options.primeRate())).containsExactly(50.0, 4000.0, 60.0);
        assertThat(options.settle()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.prime()).isEqualTo(Duration.ofSeconds(150));
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.label()).isEmpty();
    }

    @Test
    void commaListsRepeatablePropsFlagsAndDurations() {
        BenchOptions options = BenchOptions.parse("--scenarios=acquire, heartbeat", "--rates=100,200", "--heartbeat-rates=500",
                "--platform-prop=seatflow.processor.commit-interval=100ms", "--platform-prop=seatflow.gateway.heartbeat-path=accepted",
                "--no-baseline", "--find-max", "--find-max-scenario=heartbeat", "--signing=ed25519", "--duration=2m", "--warmup=500ms",
                "--prime=1.5s", "--platform-jvm=-Xmx1g -XX:+UseG1GC", "--pg-password=", "--url=http://127.0.0.1:8080",
                "--start-rate=20", "--label=run one", "--out=bench/results/x.json");

        assertThat(options.scenarios()).containsExactly("acquire", "heartbeat");
        assertThat(options.acquireRates()).containsExactly(100.0, 200.0);
        assertThat(options.heartbeatRates()).containsExactly(500.0);
        assertThat(options.platformProps()).containsExactly("seatflow.processor.commit-interval=100ms",
                "seatflow.gateway.heartbeat-path=accepted");
        assertThat(options.baseline()).isFalse();
        assertThat(options.seatflow()).isTrue();
        assertThat(options.findMax()).isTrue();
        assertThat(options.findMaxScenario()).isEqualTo("heartbeat");
        assertThat(options.signing()).isEqualTo("ED25519");
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.prime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.platformJvmOptions()).isEqualTo("-Xmx1g -XX:+UseG1GC");
        assertThat(options.postgres().password()).isEmpty();
        assertThat(options.url()).isEqualTo("http://127.0.0.1:8080");
        assertThat(options.startRate()).isEqualTo(20.0);
        assertThat(options.label()).isEqualTo("run one");
        assertThat(options.out()).isEqualTo(Path.of("bench/results/x.json"));
    }

    @Test
    void theLastOfARepeatedSingleValueWins() {
        assertThat(BenchOptions.parse("--duration=20s", "--duration=5s").duration()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesWhatCannotBeMeasured() {
        refused("unknown scenario 'login'", "--scenarios=acquire,login");
        refused("--signing must be RSA_4096 or ED25519", "--signing=RSA_2048");
        refused("--find-max-scenario must be acquire or heartbeat", "--find-max-scenario=mixed");
        refused("--no-seatflow and --no-baseline leave nothing to measure", "--no-seatflow", "--no-baseline");
        refused("--platform-prop must be NAME=VALUE, got 'seatflow.x'", "--platform-prop=seatflow.x");
    }

    @Test
    void refusesMalformedValuesNamingTheOption() {
        refused("--rates", "--rates=50,-1");
        refused("must be a positive rate", "--rates=50,x");
        refused("--max-rate", "--max-rate=0");
        refused("'30' is not a duration like 30s, 500ms or 2m", "--duration=30");
        refused("--tenants", "--tenants=-3");
        refused("'--bogus'", "--bogus");
        refused("'extra'", "extra");
    }

    @Test
    void durationsReadSecondsMillisecondsAndMinutes() {
        assertThat(BenchOptions.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchOptions.duration(" 500MS ")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> BenchOptions.duration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void helpPrintsTheUsageOfEveryOptionAndBadUsageExitsWithTwo() {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(BenchMain.run(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8))).isZero();
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar bench/target/seatflow-bench.jar", "--scenarios=",
                "--rates=RATE[,RATE...]", "--platform-prop=NAME=VALUE", "--find-max", "--p99-bound=TIME", "Default: 50ms",
                "--label=TEXT", "baseline-server");

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertThat(BenchMain.run(new String[] {"--rate=5"}, new PrintStream(bad, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(bad.toString(StandardCharsets.UTF_8)).contains("'--rate=5'", "Usage:");
    }

    private static void refused(String message, String... args) {
        assertThatThrownBy(() -> BenchOptions.parse(args)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
