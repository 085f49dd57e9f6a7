package dev.seatflow.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of the local launcher ({@code --name=value}; flags without a value).
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

    public static final String USAGE = """
            usage: ./seatflow [options]
              --data-dir=PATH          data directory (default ./.seatflow-data)
              --wipe                   delete the data directory first
              --kafka-port=N           in-process Kafka broker port (default 9092; 0 = any free port)
              --postgres-host=H --postgres-port=N --postgres-database=D --postgres-user=U
              --postgres-password=P --postgres-schema=S
                                       Postgres to use if reachable (default 127.0.0.1:5432, database seatflow)
              --embedded-postgres      always start an embedded Postgres in the data directory
              --redis-uri=URI          Redis to use if reachable (default redis://127.0.0.1:6379)
              --embedded-redis         always start an embedded Redis in the data directory
              --gateway-port=N --processor-port=N --audit-port=N --warner-port=N
                                       HTTP ports (default 8080, 8081, 8082, 8083; 0 = any free port)
              --topic-prefix=P         namespace for topic names (default none)
              --json-logs              structured JSON logs instead of readable lines
              --demo-receivers         start a local webhook receiver (:8099/webhooks) and SMTP server (:3025)
                                       for expiry warnings, and let tenants use http:// webhooks
              --trace-log              log every finished span (logger seatflow.spans: trace, span and parent ids,
                                       duration) of every request, decision and audit/mirror write
              --otlp-endpoint=URL      export spans by OTLP/HTTP, e.g. http://127.0.0.1:4318/v1/traces
            """;

    public record PostgresTarget(String host, int port, String database, String user, String password, String schema) {
    }

    public static LaunchOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String[] parts = arg.substring(2).split("=", 2);
            values.put(parts[0], parts.length > 1 ? parts[1] : "true");
        }
        Options options = new Options(values);
        LaunchOptions parsed = new LaunchOptions(
                Path.of(options.text("data-dir", envOr("SEATFLOW_DATA_DIR", ".seatflow-data"))),
                options.flag("wipe"),
                options.port("kafka-port", 9092),
                new PostgresTarget(
                        options.text("postgres-host", "127.0.0.1"),
                        options.port("postgres-port", 5432),
                        options.text("postgres-database", "seatflow"),
                        options.text("postgres-user", "postgres"),
                        options.text("postgres-password", ""),
                        options.text("postgres-schema", "public")),
                options.flag("embedded-postgres"),
                options.text("redis-uri", "redis://127.0.0.1:6379"),
                options.flag("embedded-redis"),
                options.text("topic-prefix", ""),
                options.number("partitions", 6),
                options.number("reply-partitions", 8),
                Map.of("api-gateway", options.port("gateway-port", 8080),
                        "seat-processor", options.port("processor-port", 8081),
                        "audit-sink", options.port("audit-port", 8082),
                        "expiry-warner", options.port("warner-port", 8083)),
                options.flag("json-logs"),
                options.flag("demo-receivers"),
                options.flag("trace-log"),
                options.text("otlp-endpoint", ""));
        options.rejectUnknown();
        URI redis = URI.create(parsed.redisUri());
        if (redis.getHost() == null || redis.getPort() < 0) {
            throw new IllegalArgumentException("--redis-uri must look like redis://host:port, got " + parsed.redisUri());
        }
        if (!parsed.otlpEndpoint().isEmpty() && !parsed.otlpEndpoint().matches("https?://.+")) {
            throw new IllegalArgumentException("--otlp-endpoint must be an http(s) URL, got " + parsed.otlpEndpoint());
        }
        return parsed;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Reads options, remembering which were used so unknown ones can be refused. */
    private static final class Options {
        private final Map<String, String> values;
        private final java.util.Set<String> used = new java.util.HashSet<>();

        Options(Map<String, String> values) {
            this.values = values;
        }

        String text(String name, String fallback) {
            used.add(name);
            return values.getOrDefault(name, fallback);
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

        int port(String name, int fallback) {
            int port = number(name, fallback);
            if (port > 65535) {
                throw new IllegalArgumentException("--" + name + " must be a port (0-65535), got " + port);
            }
            return port;
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
