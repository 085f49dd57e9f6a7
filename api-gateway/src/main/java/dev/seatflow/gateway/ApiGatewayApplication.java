package dev.seatflow.gateway;

import dev.seatflow.support.ServiceLauncher;
import dev.seatflow.support.tracing.TracingSupportConfiguration;
import dev.seatflow.support.web.NettyResourcesConfiguration;
import dev.seatflow.support.kafka.KafkaSupportConfiguration;
import dev.seatflow.support.redis.RedisSupportConfiguration;
import dev.seatflow.support.postgres.PostgresSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** WebFlux HTTP API: verifies identity, publishes commands, answers with decisions, signs licenses. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({NettyResourcesConfiguration.class, TracingSupportConfiguration.class, KafkaSupportConfiguration.class, RedisSupportConfiguration.class, PostgresSupportConfiguration.class})
public class ApiGatewayApplication {

    public static final String NAME = "api-gateway";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return ServiceLauncher.application(NAME, ApiGatewayApplication.class);
    }
}
