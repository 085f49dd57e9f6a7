package dev.seatflow.support.postgres;

import dev.seatflow.support.health.BackgroundHealth;
import dev.seatflow.support.health.HealthCheckSettings;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A pooled R2DBC connection factory and its health check. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PostgresSettings.class, HealthCheckSettings.class})
public class PostgresSupportConfiguration {

    @Bean(destroyMethod = "dispose")
    ConnectionPool postgresConnectionPool(PostgresSettings settings) {
        var connections = new PostgresqlConnectionFactory(settings.connection().build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(connections)
                .initialSize(0)
                .maxSize(settings.poolSize())
                .maxAcquireTime(Duration.ofSeconds(5))
                .validationQuery("SELECT 1")
                .build());
    }

    @Bean
    BackgroundHealth postgresHealthIndicator(ConnectionPool pool, HealthCheckSettings settings) {
        return BackgroundHealth.start("postgres", settings, new PostgresHealthCheck(pool));
    }
}
