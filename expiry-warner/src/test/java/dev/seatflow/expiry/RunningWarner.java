package dev.seatflow.expiry;

import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.expiry.channels.ChannelSettingsRepository;
import dev.seatflow.expiry.warning.ExpiryMetrics;
import dev.seatflow.expiry.warning.ExpiryScanner;
import dev.seatflow.testkit.MutableClock;
import dev.seatflow.testkit.ServiceArguments;
import dev.seatflow.testkit.TestServices;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real expiry warner on the test's Kafka and Postgres, with the test's clock. Its own scans are
 * an hour apart, so the test drives scanning itself unless it asks for a shorter interval.
 */
final class RunningWarner implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningWarner(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RunningWarner start(TestServices services, MutableClock clock, String... overrides) {
        List<String> args = ServiceArguments.common(services);
        args.addAll(ServiceArguments.postgres(services.postgres()));
        args.addAll(List.of("--seatflow.postgres.migrate=true",
                "--seatflow.expiry.check-interval=1h",
                "--seatflow.expiry.webhook.allow-insecure=true",
                // The test's receivers listen on loopback, which webhooks may reach only when allowed.
                "--seatflow.expiry.webhook.allowed-hosts=127.0.0.0/8",
                "--seatflow.expiry.webhook.timeout=5s"));
        args.addAll(List.of(overrides));
        ConfigurableApplicationContext context = ExpiryWarnerApplication.application()
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("testClock", clock))
                .run(withOverrides(args));
        return new RunningWarner(context);
    }

    /** Command-line options with later ones replacing earlier ones of the same name. */
    private static String[] withOverrides(List<String> options) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String option : options) {
            byName.put(option.substring(0, option.indexOf('=')), option);
        }
        return byName.values().toArray(String[]::new);
    }

    ExpiryScanner scanner() {
        return context.getBean(ExpiryScanner.class);
    }

    ExpiryScanner.Result scan() {
        return scanner().scan();
    }

    ExpiryMetrics metrics() {
        return context.getBean(ExpiryMetrics.class);
    }

    void configure(ChannelSettings settings) {
        context.getBean(ChannelSettingsRepository.class).put(settings).block(Duration.ofSeconds(10));
    }

    WebTestClient client() {
        return client(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** The management port: detailed health, metrics and the dead letters. */
    WebTestClient managementClient() {
        return client(Integer.parseInt(context.getEnvironment().getProperty("local.management.port")));
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void close() {
        context.close();
    }
}
