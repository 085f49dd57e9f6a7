package dev.seatflow.gateway.commands;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.kafka.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CommandsConfiguration {

    @Bean
    CommandGateway commandGateway(KafkaSettings kafka, TopicCatalog topics, GatewaySettings settings, Clock clock, MeterRegistry meters) {
        return new CommandGateway(kafka.clientProperties(), topics, settings, clock, meters);
    }

    /** Ready once this instance reads its reply partitions: before that a decision could be missed. */
    @Bean
    HealthIndicator repliesHealthIndicator(CommandGateway gateway, GatewaySettings settings) {
        return () -> (gateway.isListening() ? Health.up() : Health.down())
                .withDetail("replyPartitions", settings.replyPartitions()).build();
    }
}
