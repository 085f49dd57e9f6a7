package dev.seatflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LaunchOptionsTest {

    @Test
    void tracingIsOffUnlessAskedFor() {
        assertThat(LocalPlatform.tracingArguments(LaunchOptions.parse())).isEmpty();
    }

    @Test
    void traceLogAndOtlpEndpointTurnOnSpanExportWithEveryRequestSampled() {
        LaunchOptions options = LaunchOptions.parse("--trace-log", "--otlp-endpoint=http://127.0.0.1:4318/v1/traces");

        assertThat(LocalPlatform.tracingArguments(options)).containsExactly(
                "--seatflow.tracing.log-spans=true",
                "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces",
                "--management.tracing.sampling.probability=1.0");
    }

    @Test
    void refusesAnOtlpEndpointThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> LaunchOptions.parse("--otlp-endpoint=collector:4317"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint must be an http(s) URL, got collector:4317");
    }

    @Test
    void servicesListenOnLoopbackUnlessAnotherAddressIsNamed() {
        assertThat(LaunchOptions.parse().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(LaunchOptions.parse("--bind-address=0.0.0.0").localHost()).isEqualTo("127.0.0.1");
        assertThat(LaunchOptions.parse("--bind-address=::1").localHost()).isEqualTo("[::1]");
        assertThatThrownBy(() -> LaunchOptions.parse("--bind-address=my-laptop.local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--bind-address must be an IP address, got my-laptop.local");
    }

    @Test
    void refusesUnknownOptionsNamingThem() {
        assertThatThrownBy(() -> LaunchOptions.parse("--trace-logs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'--trace-logs'");
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> LaunchOptions.parse("--gateway-port=70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--gateway-port")
                .hasMessageContaining("must be a port (0-65535), got 70000");
        assertThatThrownBy(() -> LaunchOptions.parse("--kafka-port=-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-port")
                .hasMessageContaining("must be a non-negative number, got '-1'");
    }

    @Test
    void refusesARedisUriWithoutHostAndPort() {
        assertThatThrownBy(() -> LaunchOptions.parse("--redis-uri=localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--redis-uri must look like redis://host:port, got localhost");
    }

    @Test
    void defaultsAndValuesGivenAsNameEqualsValue() {
        LaunchOptions defaults = LaunchOptions.parse();
        assertThat(defaults.kafkaPort()).isEqualTo(9092);
        assertThat(defaults.postgres()).isEqualTo(new LaunchOptions.PostgresTarget("127.0.0.1", 5432, "seatflow", "postgres", "", "public"));
        assertThat(defaults.redisUri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(defaults.servicePorts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("api-gateway", 8080, "seat-processor", 8081, "audit-sink", 8082, "expiry-warner", 8083));
        assertThat(defaults.topicPrefix()).isEmpty();
        assertThat(defaults.partitions()).isEqualTo(6);
        assertThat(defaults.replyPartitions()).isEqualTo(8);
        assertThat(defaults.wipe()).isFalse();

        LaunchOptions given = LaunchOptions.parse("--data-dir=/tmp/sf", "--wipe", "--gateway-port=0", "--postgres-password=",
                "--embedded-redis=true", "--topic-prefix=t1.", "--kafka-port=1", "--kafka-port=2");
        assertThat(given.dataDir()).isEqualTo(Path.of("/tmp/sf"));
        assertThat(given.wipe()).isTrue();
        assertThat(given.embeddedRedis()).isTrue();
        assertThat(given.servicePorts()).containsEntry("api-gateway", 0);
        assertThat(defaults.managementPorts()).as("unset: each service's own").isEmpty();
        assertThat(LocalPlatform.managementArguments(defaults, "api-gateway")).containsExactly("--management.server.address=127.0.0.1");
        assertThat(LocalPlatform.managementArguments(given, "api-gateway")).as("any free port beside a free HTTP port")
                .containsExactly("--management.server.address=127.0.0.1", "--management.server.port=0");
        assertThat(LocalPlatform.managementArguments(LaunchOptions.parse("--warner-management-port=19083"), "expiry-warner"))
                .containsExactly("--management.server.address=127.0.0.1", "--management.server.port=19083");
        assertThat(given.topicPrefix()).isEqualTo("t1.");
        assertThat(given.kafkaPort()).as("the last of a repeated option wins").isEqualTo(2);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        CommandLine cli = LaunchCommand.commandLine(new LaunchCommand());

        assertThat(cli.parseArgs("--help").isUsageHelpRequested()).isTrue();
        assertThat(cli.getUsageMessage(CommandLine.Help.Ansi.OFF)).contains(
                "Usage: ./seatflow", "--help", "--data-dir=PATH", "--wipe", "--kafka-port=N", "Default: 9092",
                "--postgres-host=H", "--postgres-port=N", "--postgres-database=D", "--postgres-user=U", "--postgres-password=P",
                "--postgres-schema=S", "--embedded-postgres", "--redis-uri=URI", "Default: redis://127.0.0.1:6379", "--embedded-redis",
                "--gateway-port=N", "--processor-port=N", "--audit-port=N", "--warner-port=N", "--gateway-management-port=N",
                "--processor-management-port=N", "--audit-management-port=N", "--warner-management-port=N", "--topic-prefix=P",
                "--partitions=N", "--reply-partitions=N", "--json-logs", "--demo-receivers", "--trace-log", "--otlp-endpoint=URL");
    }
}
