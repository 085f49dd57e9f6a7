package dev.seatflow.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./seatflow}: the whole platform on this machine with nothing installed but a JDK. Ctrl-C
 * stops every service, then Redis, Postgres and Kafka, in that order.
 */
public final class SeatflowLauncher {

    private static final Logger log = LoggerFactory.getLogger(SeatflowLauncher.class);

    private SeatflowLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        LaunchCommand command = new LaunchCommand();
        CommandLine cli = LaunchCommand.commandLine(command);
        LaunchOptions options;
        try {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested()) {
                cli.usage(cli.getOut());
                return;
            }
            options = command.options();
        } catch (ParameterException e) {
            cli.getErr().println(e.getMessage());
            cli.usage(cli.getErr());
            System.exit(CommandLine.ExitCode.USAGE);
            return;
        }
        long started = System.nanoTime();
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(options);
        } catch (RuntimeException e) {
            log.error("Seatflow could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping Seatflow");
            platform.close();
            stopped.countDown();
        }, "seatflow-shutdown"));
        Map<String, String> readiness = readiness(options.localHost(), platform.servicePorts());
        log.info(summary(options, platform, readiness, Duration.ofNanos(System.nanoTime() - started)));
        stopped.await();
    }

    private static Map<String, String> readiness(String host, Map<String, Integer> ports) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, String> result = new java.util.TreeMap<>();
        ports.forEach((name, port) -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                result.put(name, response.statusCode() == 200 ? "ready" : "NOT READY (" + response.statusCode() + ") " + response.body());
            } catch (Exception e) {
                result.put(name, "NOT READY (" + e.getMessage() + ")");
            }
        });
        return result;
    }

    private static String summary(LaunchOptions options, LocalPlatform platform, Map<String, String> readiness, Duration took) {
        Map<String, Integer> ports = platform.servicePorts();
        int gateway = ports.get("api-gateway");
        StringBuilder text = new StringBuilder("\n\nSeatflow is running (started in ")
                .append(took.toMillis()).append(" ms)\n\n");
        ports.forEach((name, port) -> text.append(String.format("  %-15s http://%s:%d   /readyz: %s%n",
                name, options.localHost(), port, readiness.get(name))));
        text.append("\n  metrics (/prometheus), details (/health), /info: management ports, 127.0.0.1 only\n");
        platform.managementPorts().forEach((name, port) -> text.append(String.format("  %-15s http://127.0.0.1:%d%s%n",
                name, port, name.equals("expiry-warner") ? "   (and /expiry/dead-letters)" : "")));
        text.append(String.format("%n  kafka           %s (in-process KRaft)%n", platform.kafkaBootstrap()));
        var pg = platform.postgres();
        text.append(String.format("  postgres        %s:%d/%s schema %s (%s)%n", pg.host(), pg.port(), pg.database(), pg.schema(), pg.source()));
        text.append(String.format("  redis           %s%n", platform.redisUri()));
        text.append(String.format("  data dir        %s%n%n", options.dataDir().toAbsolutePath().normalize()));
        String base = "http://" + options.localHost() + ":" + gateway;
        text.append(String.format("  API docs        %s/swagger-ui.html%n%n", base));
        text.append("  try it:\n");
        text.append(String.format("    TOKEN=$(curl -s -X POST %s/dev/tokens -H 'Content-Type: application/json' \\%n", base));
        text.append("      -d '{\"tenant_id\":\"acme\",\"user_id\":\"alice\",\"role\":\"owner\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/')\n");
        text.append(String.format("    curl -s %s/api/v1/tenant -H \"Authorization: Bearer $TOKEN\"%n", base));
        text.append("  (full quick-start in README.md)\n");
        text.append("  stop: Ctrl-C\n");
        return text.toString();
    }
}
