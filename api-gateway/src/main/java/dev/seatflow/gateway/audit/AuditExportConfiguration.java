package dev.seatflow.gateway.audit;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.support.postgres.PostgresSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AuditExportConfiguration {

    @Bean(destroyMethod = "close")
    ExportPool auditExportPool(PostgresSettings postgres, GatewaySettings settings) {
        return ExportPool.open(postgres, settings.exports());
    }
}
