package dev.seatflow.launcher;

import dev.seatflow.launcher.LaunchOptions.PostgresTarget;
import com.google.common.net.InetAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The launcher's command line; {@link #options()} turns what picocli parsed into {@link LaunchOptions}. */
@Command(name = "./seatflow", abbreviateSynopsis = true, sortOptions = false, showDefaultValues = true,
        usageHelpAutoWidth = true,
        description = "Starts the whole Seatflow platform on this machine: in-process Kafka, Postgres, Redis and every service.")
final class LaunchCommand {

    // Also the fallback for a blank SEATFLOW_DATA_DIR or --data-dir: picocli passes "" on, and Path.of("")
    // is the working directory, which --wipe would then empty.
    private static final String DEFAULT_DATA_DIR = ".seatflow-data";

    @Spec
    private CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--data-dir", paramLabel = "PATH", defaultValue = "${env:SEATFLOW_DATA_DIR:-" + DEFAULT_DATA_DIR + "}",
            description = "Data directory: Kafka's log, the embedded Postgres cluster, Redis' append-only file "
                    + "(the default is $SEATFLOW_DATA_DIR when set).")
    private String dataDir;

    @Option(names = "--wipe", description = "Delete the data directory first.")
    private boolean wipe;

    @Option(names = "--kafka-port", paramLabel = "N", defaultValue = "9092", converter = PortConverter.class,
            description = "In-process Kafka broker port (0 = any free port).")
    private int kafkaPort;

    @Option(names = "--postgres-host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Postgres to use if reachable, else an embedded one is started in its place.")
    private String postgresHost;

    @Option(names = "--postgres-port", paramLabel = "N", defaultValue = "5432", converter = PortConverter.class,
            description = "Postgres port.")
    private int postgresPort;

    @Option(names = "--postgres-database", paramLabel = "D", defaultValue = "seatflow", description = "Postgres database.")
    private String postgresDatabase;

    @Option(names = "--postgres-user", paramLabel = "U", defaultValue = "postgres", description = "Postgres user.")
    private String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "P", defaultValue = "", showDefaultValue = Visibility.NEVER,
            description = "Postgres password (default: none).")
    private String postgresPassword;

    @Option(names = "--postgres-schema", paramLabel = "S", defaultValue = "public", description = "Postgres schema.")
    private String postgresSchema;

    @Option(names = "--embedded-postgres", description = "Always start an embedded Postgres in the data directory.")
    private boolean embeddedPostgres;

    @Option(names = "--redis-uri", paramLabel = "URI", defaultValue = "redis://127.0.0.1:6379",
            description = "Redis to use if reachable, else an embedded one is started on its port.")
    private String redisUri;

    @Option(names = "--embedded-redis", description = "Always start an embedded Redis in the data directory.")
    private boolean embeddedRedis;

    @Option(names = "--bind-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = {"Address the services' HTTP ports listen on; 0.0.0.0 lets other machines in, and with them",
                    "anyone who can reach the gateway mints tokens for any tenant at POST /dev/tokens."})
    private String bindAddress;

    @Option(names = "--gateway-port", paramLabel = "N", defaultValue = "8080", converter = PortConverter.class,
            description = "HTTP port of the API gateway (0 = any free port).")
    private int gatewayPort;

    @Option(names = "--processor-port", paramLabel = "N", defaultValue = "8081", converter = PortConverter.class,
            description = "HTTP port of the seat processor (0 = any free port).")
    private int processorPort;

    @Option(names = "--audit-port", paramLabel = "N", defaultValue = "8082", converter = PortConverter.class,
            description = "HTTP port of the audit sink (0 = any free port).")
    private int auditPort;

    @Option(names = "--warner-port", paramLabel = "N", defaultValue = "8083", converter = PortConverter.class,
            description = "HTTP port of the expiry warner (0 = any free port).")
    private int warnerPort;

    // Unset: the service's own management port (its configuration file), or any free one when its HTTP port is 0.
    @Option(names = "--gateway-management-port", paramLabel = "N", converter = PortConverter.class,
            description = "Management port (metrics, detailed health, /info) of the API gateway (default: its own; 0 = any free port).")
    private Integer gatewayManagementPort;

    @Option(names = "--processor-management-port", paramLabel = "N", converter = PortConverter.class,
            description = "Management port of the seat processor (default: its own; 0 = any free port).")
    private Integer processorManagementPort;

    @Option(names = "--audit-management-port", paramLabel = "N", converter = PortConverter.class,
            description = "Management port of the audit sink (default: its own; 0 = any free port).")
    private Integer auditManagementPort;

    @Option(names = "--warner-management-port", paramLabel = "N", converter = PortConverter.class,
            description = "Management port of the expiry warner, also serving its dead letters (default: its own; 0 = any free port).")
    private Integer warnerManagementPort;

    @Option(names = "--topic-prefix", paramLabel = "P", defaultValue = "", showDefaultValue = Visibility.NEVER,
            description = "Namespace for topic names (default: none).")
    private String topicPrefix;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6", converter = NonNegativeConverter.class,
            description = "Partitions of the command, event and heartbeat topics.")
    private int partitions;

    @Option(names = "--reply-partitions", paramLabel = "N", defaultValue = "8", converter = NonNegativeConverter.class,
            description = "Partitions of the reply topic.")
    private int replyPartitions;

    @Option(names = "--json-logs", description = "Structured JSON logs instead of readable lines.")
    private boolean jsonLogs;

    @Option(names = "--demo-receivers", description = "Start a local webhook receiver (:8099/webhooks) and SMTP server (:3025) "
            + "for expiry warnings, and let tenants use http:// webhooks to this machine (loopback allow-listed).")
    private boolean demoReceivers;

    @Option(names = "--trace-log", description = "Log every finished span (logger seatflow.spans: trace, span and parent ids, "
            + "duration) of every request, decision and audit/mirror write.")
    private boolean traceLog;

    @Option(names = "--otlp-endpoint", paramLabel = "URL", defaultValue = "", showDefaultValue = Visibility.NEVER,
            description = {"Export spans by OTLP/HTTP (default: none), e.g.", "  http://127.0.0.1:4318/v1/traces"})
    private String otlpEndpoint;

    /** Picocli with the launcher's conventions: a repeated option's last value wins, as wrapper scripts expect. */
    static CommandLine commandLine(LaunchCommand command) {
        return new CommandLine(command).setOverwrittenOptionsAllowed(true);
    }

    /** The parsed options, checked beyond what their types ensure. */
    LaunchOptions options() {
        if (!hostAndPort(redisUri)) {
            throw new ParameterException(spec.commandLine(), "--redis-uri must look like redis://host:port, got " + redisUri);
        }
        if (!InetAddresses.isInetAddress(bindAddress)) {
            throw new ParameterException(spec.commandLine(), "--bind-address must be an IP address, got " + bindAddress);
        }
        if (!otlpEndpoint.isEmpty() && !otlpEndpoint.matches("https?://.+")) {
            throw new ParameterException(spec.commandLine(), "--otlp-endpoint must be an http(s) URL, got " + otlpEndpoint);
        }
        return new LaunchOptions(
                Path.of(dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir),
                wipe,
                kafkaPort,
                new PostgresTarget(postgresHost, postgresPort, postgresDatabase, postgresUser, postgresPassword, postgresSchema),
                embeddedPostgres,
                redisUri,
                embeddedRedis,
                topicPrefix,
                partitions,
                replyPartitions,
                Map.of("api-gateway", gatewayPort, "seat-processor", processorPort, "audit-sink", auditPort, "expiry-warner", warnerPort),
                given(Map.of("api-gateway", Optional.ofNullable(gatewayManagementPort), "seat-processor", Optional.ofNullable(processorManagementPort),
                        "audit-sink", Optional.ofNullable(auditManagementPort), "expiry-warner", Optional.ofNullable(warnerManagementPort))),
                jsonLogs,
                demoReceivers,
                traceLog,
                otlpEndpoint,
                bindAddress);
    }

    private static Map<String, Integer> given(Map<String, Optional<Integer>> ports) {
        Map<String, Integer> given = new java.util.HashMap<>();
        ports.forEach((name, port) -> port.ifPresent(value -> given.put(name, value)));
        return Map.copyOf(given);
    }

    private static boolean hostAndPort(String uri) {
        try {
            URI parsed = new URI(uri);
            return parsed.getHost() != null && parsed.getPort() >= 0;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static final class NonNegativeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below, like a negative number
            }
            throw new TypeConversionException("must be a non-negative number, got '" + value + "'");
        }
    }

    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = new NonNegativeConverter().convert(value);
            if (port > 65535) {
                throw new TypeConversionException("must be a port (0-65535), got " + port);
            }
            return port;
        }
    }
}
