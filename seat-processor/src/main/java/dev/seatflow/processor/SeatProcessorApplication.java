package dev.seatflow.processor;

import dev.seatflow.support.ServiceLauncher;
import dev.seatflow.support.tracing.TracingSupportConfiguration;
import dev.seatflow.support.web.NettyResourcesConfiguration;
import dev.seatflow.support.kafka.KafkaSupportConfiguration;
import dev.seatflow.support.redis.RedisSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Kafka Streams app keyed by tenant: makes every seat decision, mirrors state to Redis. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({NettyResourcesConfiguration.class, TracingSupportConfiguration.class, KafkaSupportConfiguration.class, RedisSupportConfiguration.class})
public class SeatProcessorApplication {

    public static final String NAME = "seat-processor";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return ServiceLauncher.application(NAME, SeatProcessorApplication.class);
    }
}
