package dev.seatflow.launcher;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Command-line options of the local launcher, as {@link LaunchCommand} declares them.
 *
 * @param dataDir where Kafka's log, the embedded Postgres cluster and Redis' append-only file live
 * @param wipe delete the data directory before starting
 * @param postgres Postgres to use when reachable (else an embedded one is started in its place)
 * @param redisUri Redis to use when reachable (else an embedded one is started on its port)
 */
public record LaunchOptions(
        Path dataDir,
        boolean wipe,
        int kafkaPort,
        PostgresTarget postgres,
        boolean embeddedPostgres,
        String redisUri,
        boolean embeddedRedis,
        String topicPrefix,
        int partitions,
        int replyPartitions,
        Map<String, Integer> servicePorts,
        boolean jsonLogs,
        boolean demoReceivers,
        boolean traceLog,
        String otlpEndpoint) {

    public record PostgresTarget(String host, int port, String database, String user, String password, String schema) {
    }

    /**
     * Parses a command line as {@code ./seatflow} does (see {@code ./seatflow --help}).
     *
     * @throws IllegalArgumentException naming the option that is unknown or wrong
     */
    public static LaunchOptions parse(String... args) {
        LaunchCommand command = new LaunchCommand();
        try {
            LaunchCommand.commandLine(command).parseArgs(args);
            return command.options();
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
