package dev.seatflow.expiry.config;

import dev.seatflow.expiry.channels.ChannelSettingsRepository;
import dev.seatflow.expiry.delivery.DeliveryChannels;
import dev.seatflow.expiry.license.LicenseView;
import dev.seatflow.expiry.warning.DeliveryLanes;
import dev.seatflow.expiry.warning.ExpiryMetrics;
import dev.seatflow.expiry.warning.ExpiryScanner;
import dev.seatflow.expiry.warning.ExpiryScheduler;
import dev.seatflow.expiry.warning.NotificationStore;
import dev.seatflow.expiry.warning.WarningRecorder;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.health.BackgroundHealth;
import dev.seatflow.support.health.HealthCheckSettings;
import dev.seatflow.support.kafka.KafkaSettings;
import dev.seatflow.support.kafka.RetryingConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the warner. The migration is a dependency of everything that touches its tables. */
@Configuration(proxyBeanMethods = false)
public class ExpiryConfiguration {

    /** The warner's time; tests register a Clock of their own before the context starts. */
    @Bean
    @ConditionalOnMissingBean
    Clock expiryClock() {
        return Clock.systemUTC();
    }

    @Bean
    ExpiryMetrics expiryMetrics(MeterRegistry meters) {
        return new ExpiryMetrics(meters);
    }

    @Bean
    RetryingConsumer licenseViewConsumer(KafkaSettings kafka, TopicCatalog topics, ConnectionPool pool, ExpirySettings settings,
                                         ExpiryMetrics metrics, ExpirySchemaMigration migration, MeterRegistry meters) {
        return new RetryingConsumer("expiry-license-view",
                LicenseView.consumerSettings(kafka.clientProperties(), kafka.topicPrefix() + settings.groupId()),
                List.of(topics.events().name()), new LicenseView(topics, pool, metrics), settings.consumerMaxBackoff(), meters);
    }

    @Bean(destroyMethod = "close")
    KafkaProducer<String, SeatCommand> expiryCommandProducer(KafkaSettings kafka, TopicCatalog topics) {
        Map<String, Object> settings = kafka.clientProperties();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(settings, topics.commands().keySerde().serializer(), topics.commands().valueSerde().serializer());
    }

    @Bean
    NotificationStore notificationStore(ConnectionPool pool, ExpirySchemaMigration migration) {
        return new NotificationStore(pool);
    }

    /** Which webhook receivers may be called: one policy for the save-time check and every send. */
    @Bean
    WebhookTargetPolicy webhookTargetPolicy(ExpirySettings settings) {
        return settings.webhook().policy();
    }

    @Bean
    ChannelSettingsRepository channelSettingsRepository(ConnectionPool pool, WebhookTargetPolicy webhooks, Clock clock) {
        return new ChannelSettingsRepository(pool, webhooks, clock);
    }

    @Bean(destroyMethod = "close")
    DeliveryLanes deliveryLanes(ExpirySettings settings) {
        return new DeliveryLanes(settings.delivery().concurrency(), settings.delivery().perTenant());
    }

    @Bean
    ExpiryScanner expiryScanner(NotificationStore store, DeliveryChannels channels, DeliveryLanes lanes,
                                KafkaProducer<String, SeatCommand> producer, TopicCatalog topics, ExpirySettings settings, Clock clock,
                                ExpiryMetrics metrics) {
        return new ExpiryScanner(store, channels, lanes, new WarningRecorder(producer, topics), settings, clock, metrics);
    }

    @Bean
    ExpiryScheduler expiryScheduler(ExpiryScanner scanner, ExpirySettings settings) {
        return new ExpiryScheduler(scanner, settings.checkInterval());
    }

    /**
     * Readiness: down while the license view cannot write or the last scan failed. Dead letters
     * are a detail, not a failure: they need a tenant's or an operator's attention, not a restart.
     */
    @Bean
    BackgroundHealth expiryHealthIndicator(RetryingConsumer view, ExpiryScanner scanner, NotificationStore store,
                                           DeliveryChannels channels, HealthCheckSettings settings) {
        return BackgroundHealth.start("expiry", settings, () -> store.deadLetterCount()
                .map(dead -> {
                    Health.Builder health = view.isHealthy() && scanner.lastScanError() == null ? Health.up() : Health.down();
                    health.withDetail("licenseView", view.isHealthy() ? "writing" : "failing")
                            .withDetail("channels", channels.names())
                            .withDetail("deadLetters", dead);
                    if (scanner.lastScanAt() != null) {
                        health.withDetail("lastScanAt", scanner.lastScanAt().toString());
                    }
                    if (scanner.lastScanError() != null) {
                        health.withDetail("lastScanError", scanner.lastScanError());
                    }
                    return health.build();
                }));
    }
}
