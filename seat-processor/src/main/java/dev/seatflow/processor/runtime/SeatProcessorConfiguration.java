package dev.seatflow.processor.runtime;

import dev.seatflow.processor.metrics.SeatMetrics;
import dev.seatflow.processor.mirror.RedisMirror;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.kafka.KafkaSettings;
import dev.seatflow.support.kafka.RetryingConsumer;
import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.support.redis.RedisSettings;
import dev.seatflow.support.tracing.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Streams topology, its health and the Redis mirror. */
@Configuration(proxyBeanMethods = false)
public class SeatProcessorConfiguration {

    @Bean
    SeatMetrics seatMetrics(MeterRegistry meters) {
        return new SeatMetrics(meters);
    }

    @Bean
    StreamsRunner streamsRunner(KafkaSettings kafka, SeatProcessorSettings settings, TopicCatalog topics, Admin admin,
                                AvroSerdeFactory serdes, SeatMetrics metrics, MeterRegistry meters, ObjectProvider<Tracer> tracers) {
        CommandsTopicCheck.warnUnlessStampedByTheBroker(admin, topics.commands().name());
        return new StreamsRunner(kafka.clientProperties(), settings, topics, serdes, metrics, meters, TraceHeaders.tracer(tracers));
    }

    @Bean
    StreamsHealthIndicator streamsHealthIndicator(StreamsRunner runner) {
        return new StreamsHealthIndicator(runner);
    }

    /** Down while the mirror's batches or consumer keep failing: Redis then serves ever staler reads. */
    @Bean
    HealthIndicator mirrorHealthIndicator(ObjectProvider<RetryingConsumer> mirror) {
        return () -> {
            RetryingConsumer consumer = mirror.getIfAvailable();
            if (consumer == null) {
                return Health.up().withDetail("mirror", "off").build();
            }
            return (consumer.isHealthy() ? Health.up() : Health.down()).withDetail("applying", consumer.isHealthy()).build();
        };
    }

    @Bean
    @ConditionalOnProperty(name = "seatflow.processor.mirror", havingValue = "true", matchIfMissing = true)
    RetryingConsumer redisMirror(KafkaSettings kafka, SeatProcessorSettings settings, TopicCatalog topics, RedisConnector redis,
                                 RedisSettings redisSettings, MeterRegistry meters, ObjectProvider<Tracer> tracers) {
        RedisMirror mirror = new RedisMirror(topics, redis, new RedisKeys(redisSettings.keyPrefix()), meters, TraceHeaders.tracer(tracers));
        return new RetryingConsumer("redis-mirror",
                RedisMirror.consumerSettings(kafka.clientProperties(), kafka.topicPrefix() + settings.applicationId() + "-redis-mirror"),
                List.of(topics.events().name(), topics.heartbeats().name()), mirror, Duration.ofSeconds(5), meters);
    }
}
