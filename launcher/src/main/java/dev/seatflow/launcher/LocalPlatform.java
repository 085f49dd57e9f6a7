package dev.seatflow.launcher;

import dev.seatflow.audit.AuditSinkApplication;
import dev.seatflow.expiry.ExpiryWarnerApplication;
import dev.seatflow.gateway.ApiGatewayApplication;
import dev.seatflow.localinfra.KraftBroker;
import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.schemas.topic.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in this JVM: an in-process KRaft broker, Postgres and Redis (reachable local
 * servers, else embedded ones under the data directory), Seatflow's topics, and every service.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    /** Start order: consumers of the command stream first, the HTTP front door last. */
    private static final List<ServiceEntry> SERVICES = List.of(
            new ServiceEntry(SeatProcessorApplication.NAME, SeatProcessorApplication::application),
            new ServiceEntry(AuditSinkApplication.NAME, AuditSinkApplication::application),
            new ServiceEntry(ExpiryWarnerApplication.NAME, ExpiryWarnerApplication::application),
            new ServiceEntry(ApiGatewayApplication.NAME, ApiGatewayApplication::application));

    /** Where the demo receiver runs: loopback only (the warner and the gateway both need to know). */
    private static final String LOGBACK_METRICS =
            "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration";
    static final String DEMO_WEBHOOK_HOSTS = "127.0.0.0/8,::1/128,localhost";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private String kafkaBootstrap;
    private LocalDatabases.Postgres postgres;
    private String redisUri;

    private LocalPlatform() {
    }

    public static LocalPlatform start(LaunchOptions options) {
        LocalPlatform platform = new LocalPlatform();
        try {
            platform.startAll(options);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(LaunchOptions options) {
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        if (options.wipe()) {
            wipe(dataDir);
        }
        KraftBroker broker = KraftBroker.start(dataDir.resolve("kafka"), options.kafkaPort());
        running.push(broker);
        kafkaBootstrap = broker.bootstrapServers();
        createTopics(options);

        if (options.demoReceivers()) {
            running.push(DemoReceivers.start(8099, 3025));
        }
        LocalDatabases databases = new LocalDatabases(dataDir, running::push);
        postgres = databases.postgres(options.postgres(), options.embeddedPostgres());
        redisUri = databases.redis(options.redisUri(), options.embeddedRedis());

        for (ServiceEntry service : SERVICES) {
            List<String> args = serviceArguments(options, options.servicePorts().get(service.name()));
            args.addAll(managementArguments(options, service.name()));
            args.add("--seatflow.processor.state-dir=" + dataDir.resolve("streams"));
            // Development identity and signing: a local token issuer and a local license key, kept in the data dir.
            args.add("--seatflow.gateway.auth.local-issuer=true");
            args.add("--seatflow.gateway.auth.local-issuer-key-dir=" + dataDir.resolve("dev-issuer"));
            args.add("--seatflow.gateway.signing.local-key-dir=" + dataDir.resolve("signing-keys"));
            // The API document and Swagger UI, off by default in a deployment, are what a developer here reads first.
            args.add("--springdoc.api-docs.enabled=true");
            args.add("--springdoc.swagger-ui.enabled=true");
            ConfigurableApplicationContext context = service.application().get()
                    .registerShutdownHook(false)
                    .run(args.toArray(String[]::new));
            running.push(context::close);
            servicePorts.put(service.name(), ((WebServerApplicationContext) context).getWebServer().getPort());
            managementPorts.put(service.name(), context.getEnvironment().getRequiredProperty("local.management.port", Integer.class));
        }
    }

    private void createTopics(LaunchOptions options) {
        TopicCatalog catalog = new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded()), options.topicPrefix());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
            TopicProvisioner.ensure(admin, catalog.specs(options.partitions(), options.replyPartitions()), Optional.of((short) 1));
        }
    }

    private List<String> serviceArguments(LaunchOptions options, int port) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=" + options.bindAddress(),
                "--seatflow.kafka.bootstrap-servers=" + kafkaBootstrap,
                "--seatflow.kafka.topic-prefix=" + options.topicPrefix(),
                "--seatflow.redis.uri=" + redisUri,
                "--seatflow.postgres.host=" + postgres.host(),
                "--seatflow.postgres.port=" + postgres.port(),
                "--seatflow.postgres.database=" + postgres.database(),
                "--seatflow.postgres.username=" + postgres.user(),
                "--seatflow.postgres.password=" + postgres.password(),
                "--seatflow.postgres.schema=" + postgres.schema(),
                "--seatflow.postgres.migrate=true",
                // Each service would add its own counting filter to the one logging context the four
                // share here; every log call, enabled or not (Kafka's isTraceEnabled checks on hot
                // paths), then runs four, and each count holds every service's events anyway.
                "--spring.autoconfigure.exclude=" + LOGBACK_METRICS));
        if (options.demoReceivers()) {
            // The demo receiver listens on this machine, which webhooks may otherwise never reach.
            args.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=3025",
                    "--seatflow.expiry.webhook.allow-insecure=true", "--seatflow.gateway.allow-insecure-webhooks=true",
                    "--seatflow.expiry.webhook.allowed-hosts=" + DEMO_WEBHOOK_HOSTS,
                    "--seatflow.gateway.allowed-webhook-hosts=" + DEMO_WEBHOOK_HOSTS));
        }
        if (options.jsonLogs()) {
            args.add("--logging.config=classpath:seatflow-json-logback.xml");
        }
        args.addAll(tracingArguments(options));
        return args;
    }

    /**
     * The management server on loopback whatever --bind-address says: it answers without a token
     * (metrics, every dependency's details, the warner's dead letters). Its port as given, else the
     * service's own default, or any free port when the HTTP port is 0 too (tests, the bench).
     */
    static List<String> managementArguments(LaunchOptions options, String service) {
        List<String> args = new ArrayList<>(List.of("--management.server.address=127.0.0.1"));
        Integer port = options.managementPorts().get(service);
        if (port == null && options.servicePorts().get(service) == 0) {
            port = 0;
        }
        if (port != null) {
            args.add("--management.server.port=" + port);
        }
        return args;
    }

    /** Span export as asked: log lines and/or OTLP, every request sampled (else Spring samples 10%). */
    static List<String> tracingArguments(LaunchOptions options) {
        List<String> args = new ArrayList<>();
        if (options.traceLog()) {
            args.add("--seatflow.tracing.log-spans=true");
        }
        if (!options.otlpEndpoint().isEmpty()) {
            args.add("--management.opentelemetry.tracing.export.otlp.endpoint=" + options.otlpEndpoint());
        }
        if (!args.isEmpty()) {
            args.add("--management.tracing.sampling.probability=1.0");
        }
        return args;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public LocalDatabases.Postgres postgres() {
        return postgres;
    }

    public String redisUri() {
        return redisUri;
    }

    /** HTTP port of each running service, by service name. */
    public Map<String, Integer> servicePorts() {
        return java.util.Collections.unmodifiableMap(servicePorts);
    }

    /** Management port (on 127.0.0.1) of each running service, by service name. */
    public Map<String, Integer> managementPorts() {
        return java.util.Collections.unmodifiableMap(managementPorts);
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                log.warn("error while stopping: {}", e.getMessage());
            }
        }
    }

    private static void wipe(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        log.info("wiping data directory {}", dataDir);
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dataDir, e);
        }
    }

    private record ServiceEntry(String name, Supplier<SpringApplicationBuilder> application) {
    }
}
