package dev.seatflow.gateway;

import dev.seatflow.gateway.security.LocalTokenIssuer;
import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.audit.AuditSinkApplication;
import dev.seatflow.auditlog.AuditSchema;
import dev.seatflow.expiry.schema.ExpirySchema;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.ServiceArguments;
import dev.seatflow.testkit.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real seat processor and a real gateway on the test kit's Kafka and Redis, shared by the
 * gateway tests; each test works in tenants of its own.
 */
public final class GatewayPlatform implements AutoCloseable {

    /** RSA-4096 keys take a second to make: every test gateway in the run reuses the same ones. */
    static final Path KEYS = Path.of(System.getProperty("seatflow.test.work-dir", "target/test-work"), "gateway-keys");

    /** Every span recorded and logged (logger seatflow.spans, quiet unless a test listens). */
    static final List<String> TRACING = List.of("--seatflow.tracing.log-spans=true", "--management.tracing.sampling.probability=1.0");

    private final TestServices services;
    private final ConfigurableApplicationContext processor;
    private final ConfigurableApplicationContext gateway;
    private final ConfigurableApplicationContext auditSink;

    private GatewayPlatform(TestServices services, ConfigurableApplicationContext processor, ConfigurableApplicationContext auditSink,
                            ConfigurableApplicationContext gateway) {
        this.services = services;
        this.processor = processor;
        this.auditSink = auditSink;
        this.gateway = gateway;
    }

    public static GatewayPlatform start(TestServices services, String... gatewayOverrides) {
        return start(services, List.of(), gatewayOverrides);
    }

    /**
     * With {@code overrides} for every service (e.g. another Redis: a cluster), and more for the
     * gateway.
     */
    public static GatewayPlatform start(TestServices services, List<String> overrides, String... gatewayOverrides) {
        services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 2);
        PostgresService postgres = services.postgres();
        AuditSchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        ExpirySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        List<String> processorArgs = ServiceArguments.processor(services, "gateway-tests");
        processorArgs.addAll(TRACING);
        ConfigurableApplicationContext processor = SeatProcessorApplication.application().run(withOverrides(processorArgs, overrides));
        List<String> sinkArgs = ServiceArguments.common(services);
        sinkArgs.addAll(ServiceArguments.postgres(services.postgres()));
        sinkArgs.addAll(TRACING);
        ConfigurableApplicationContext sink = AuditSinkApplication.application().run(withOverrides(sinkArgs, overrides));
        try {
            List<String> gatewayArgs = new ArrayList<>(overrides);
            gatewayArgs.addAll(List.of(gatewayOverrides));
            return new GatewayPlatform(services, processor, sink, startGateway(services, gatewayArgs.toArray(String[]::new)));
        } catch (RuntimeException e) {
            sink.close();
            processor.close();
            throw e;
        }
    }

    /** A further gateway instance on the same platform (other settings, e.g. its own reply partition). */
    public static ConfigurableApplicationContext startGateway(TestServices services, String... overrides) {
        List<String> args = ServiceArguments.common(services);
        args.addAll(ServiceArguments.postgres(services.postgres()));
        args.addAll(TRACING);
        args.addAll(List.of(
                "--seatflow.gateway.auth.local-issuer=true",
                "--seatflow.gateway.allow-insecure-webhooks=true",
                // Tests save webhooks on loopback, which tenants may otherwise never reach.
                "--seatflow.gateway.allowed-webhook-hosts=127.0.0.0/8",
                "--seatflow.gateway.auth.local-issuer-key-dir=" + KEYS.resolve("issuer").toAbsolutePath(),
                "--seatflow.gateway.signing.local-key-dir=" + KEYS.resolve("signing").toAbsolutePath(),
                "--seatflow.gateway.rate-limit.per-tenant=100000",
                "--seatflow.gateway.rate-limit.per-client-ip=100000",
                "--springdoc.api-docs.enabled=true",
                "--springdoc.swagger-ui.enabled=true"));
        return ApiGatewayApplication.application().run(withOverrides(args, overrides));
    }

    /** Command-line options with later ones replacing earlier ones of the same name (Spring would join them). */
    private static String[] withOverrides(List<String> defaults, List<String> overrides) {
        return withOverrides(defaults, overrides.toArray(String[]::new));
    }

    private static String[] withOverrides(List<String> defaults, String... overrides) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String option : defaults) {
            byName.put(option.substring(0, option.indexOf('=')), option);
        }
        for (String option : overrides) {
            byName.put(option.substring(0, option.indexOf('=')), option);
        }
        return byName.values().toArray(String[]::new);
    }

    public WebTestClient client() {
        return client(gateway);
    }

    public static WebTestClient client(ConfigurableApplicationContext gateway) {
        String baseUrl = baseUrl(gateway);
        return WebTestClient.bindToServer().baseUrl(baseUrl).filter(ResponseContract.filter(baseUrl))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** {@code http://127.0.0.1:<port>/} of a gateway, for clients of other kinds. */
    public static String baseUrl(ConfigurableApplicationContext gateway) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort() + "/";
    }

    public String baseUrl() {
        return baseUrl(gateway);
    }

    /** The gateway's management port: metrics, detailed health, /info. */
    public WebTestClient managementClient() {
        return managementClient(gateway);
    }

    public static WebTestClient managementClient(ConfigurableApplicationContext gateway) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.management.port"))
                // A gateway that served a whole test class has /prometheus texts far above the 256 KiB default.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    public String token(String tenant, String user, Role role) {
        return gateway.getBean(LocalTokenIssuer.class).mint(tenant, user, role, Instant.now(), Duration.ofHours(1));
    }

    public LocalTokenIssuer issuer() {
        return gateway.getBean(LocalTokenIssuer.class);
    }

    public TestServices services() {
        return services;
    }

    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        gateway.close();
        auditSink.close();
        processor.close();
    }
}
