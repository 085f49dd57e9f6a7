package dev.seatflow.expiry;

import dev.seatflow.support.ServiceLauncher;
import dev.seatflow.support.tracing.TracingSupportConfiguration;
import dev.seatflow.support.web.NettyResourcesConfiguration;
import dev.seatflow.support.kafka.KafkaSupportConfiguration;
import dev.seatflow.support.postgres.PostgresSupportConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/** Sends license expiry warnings exactly once per threshold and channel. */
@SpringBootConfiguration
@EnableAutoConfiguration
// @SpringBootApplication's scan without the management package: its beans live in the management
// server's context only (DeadLetterManagement), so that the operator endpoints stay off the HTTP port.
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.seatflow\\.expiry\\.management\\..*")})
@ConfigurationPropertiesScan
@Import({NettyResourcesConfiguration.class, TracingSupportConfiguration.class, KafkaSupportConfiguration.class, PostgresSupportConfiguration.class})
public class ExpiryWarnerApplication {

    public static final String NAME = "expiry-warner";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return ServiceLauncher.application(NAME, ExpiryWarnerApplication.class);
    }
}
