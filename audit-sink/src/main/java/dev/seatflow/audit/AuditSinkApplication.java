package dev.seatflow.audit;

import dev.seatflow.support.ServiceLauncher;
import dev.seatflow.support.tracing.TracingSupportConfiguration;
import dev.seatflow.support.web.NettyResourcesConfiguration;
import dev.seatflow.support.kafka.KafkaSupportConfiguration;
import dev.seatflow.support.postgres.PostgresSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Writes the audit log and read models to Postgres; compliance export. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({NettyResourcesConfiguration.class, TracingSupportConfiguration.class, KafkaSupportConfiguration.class, PostgresSupportConfiguration.class})
public class AuditSinkApplication {

    public static final String NAME = "audit-sink";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return ServiceLauncher.application(NAME, AuditSinkApplication.class);
    }
}
