package dev.seatflow.launcher;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
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
 * @param managementPorts management ports given on the command line, by service name; a service
 *     not named keeps its own default (any free port when its HTTP port is 0). They listen on
 *     loopback whatever the bind address: metrics, dependency details and dead letters are for
 *     this machine's operator
 * @param bindAddress what the services' HTTP ports listen on (loopback unless asked otherwise: the
 *     development token issuer would mint tokens for anyone who can reach the gateway)
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
        Map<String, Integer> managementPorts,
        boolean jsonLogs,
        boolean demoReceivers,
        boolean traceLog,
        String otlpEndpoint,
        String bindAddress) {

    /** Where this machine reaches the services: the bind address, or loopback when that is a wildcard. */
    public String localHost() {
        InetAddress address = InetAddresses.forString(bindAddress);
        if (address.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        return address instanceof Inet6Address ? "[" + InetAddresses.toAddrString(address) + "]" : bindAddress;
    }

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
