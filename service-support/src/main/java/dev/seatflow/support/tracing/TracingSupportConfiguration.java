package dev.seatflow.support.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Span export besides OTLP (which Spring Boot sets up from
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}): {@code seatflow.tracing.log-spans=true}
 * logs every span.
 */
@Configuration(proxyBeanMethods = false)
public class TracingSupportConfiguration {

    @Bean
    @ConditionalOnBooleanProperty("seatflow.tracing.log-spans")
    SpanExporter spanLogExporter() {
        return new SpanLogExporter();
    }
}
