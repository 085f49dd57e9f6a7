package dev.seatflow.support.kafka;

import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.schemas.topic.TopicProvisioner;
import dev.seatflow.support.health.BackgroundHealth;
import dev.seatflow.support.health.HealthCheckSettings;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kafka wiring every service shares: the wire format, the topic catalogue and a health check. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaSettings.class, HealthCheckSettings.class})
public class KafkaSupportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaSupportConfiguration.class);

    @Bean
    AvroSerdeFactory avroSerdeFactory(KafkaSettings settings) {
        AvroSerdeFactory serdes = AvroSerdeFactory.create(settings.serdeSettings());
        log.info("kafka wire format: {}", serdes.describe());
        return serdes;
    }

    @Bean
    TopicCatalog topicCatalog(AvroSerdeFactory serdes, KafkaSettings settings, Admin admin) {
        TopicCatalog catalog = new TopicCatalog(serdes, settings.topicPrefix());
        KafkaSettings.Topics topics = settings.topics();
        if (topics.provision()) {
            TopicProvisioner.ensure(admin, catalog.specs(topics.partitions(), topics.replyPartitions()),
                    topics.replicationFactor() < 1 ? Optional.empty() : Optional.of(topics.replicationFactor()));
        }
        return catalog;
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaSettings settings) {
        return Admin.create(settings.clientProperties());
    }

    @Bean
    BackgroundHealth kafkaHealthIndicator(Admin admin, TopicCatalog topics, HealthCheckSettings settings) {
        return BackgroundHealth.start("kafka", settings, new KafkaHealthCheck(admin, topics, settings.timeout()));
    }
}
