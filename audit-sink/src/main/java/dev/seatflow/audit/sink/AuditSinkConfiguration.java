package dev.seatflow.audit.sink;

import dev.seatflow.audit.schema.SchemaMigration;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.health.BackgroundHealth;
import dev.seatflow.support.health.HealthCheckSettings;
import dev.seatflow.support.kafka.KafkaSettings;
import dev.seatflow.support.kafka.RetryingConsumer;
import dev.seatflow.support.postgres.PostgresHealthCheck;
import dev.seatflow.support.tracing.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.r2dbc.pool.ConnectionPool;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AuditSinkConfiguration {

    @Bean
    AuditSinkMetrics auditSinkMetrics(MeterRegistry meters) {
        return new AuditSinkMetrics(meters);
    }

    @Bean(destroyMethod = "close")
    AuditSink auditSink(KafkaSettings kafka, TopicCatalog topics, ConnectionPool pool, AuditSinkMetrics metrics,
                        ObjectProvider<Tracer> tracers) {
        return new AuditSink(kafka.clientProperties(), topics, pool, metrics, TraceHeaders.tracer(tracers));
    }

    /** Depends on the migration so that the tables exist before the first batch. */
    @Bean
    RetryingConsumer auditConsumer(KafkaSettings kafka, TopicCatalog topics, AuditSinkSettings settings, AuditSink sink,
                                   SchemaMigration migration, MeterRegistry meters) {
        return new RetryingConsumer("audit-sink",
                AuditSink.consumerSettings(kafka.clientProperties(), kafka.topicPrefix() + settings.groupId(), settings.batchSize()),
                List.of(topics.events().name(), topics.heartbeats().name()), sink, settings.maxBackoff(), meters);
    }

    /** Down while batches fail, or once a sequence gap was seen (an operator must look at it). */
    @Bean
    BackgroundHealth auditHealthIndicator(RetryingConsumer sink, ConnectionPool pool, HealthCheckSettings settings) {
        return BackgroundHealth.start("audit", settings, () -> PostgresHealthCheck.firstRow(pool,
                        "SELECT count(*) AS gaps FROM audit_sequence_gaps", (row, meta) -> row.get("gaps", Long.class))
                .map(gaps -> (sink.isHealthy() && gaps == 0 ? Health.up() : Health.down())
                        .withDetail("writing", sink.isHealthy()).withDetail("sequenceGaps", gaps).build()));
    }
}
