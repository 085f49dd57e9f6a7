package dev.seatflow.support.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One Lettuce client and one shared, auto-reconnecting connection per service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisSettings.class)
public class RedisSupportConfiguration {

    @Bean(destroyMethod = "shutdown")
    ClientResources redisClientResources() {
        // Reconnect quickly once Redis is back (Lettuce's default backs off to 30 s).
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(RedisSettings settings, ClientResources resources) {
        RedisClient client = RedisClient.create(resources, settings.uri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail commands fast while Redis is away instead of queueing them without bound.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        return client;
    }

    @Bean(destroyMethod = "close")
    RedisConnector redisConnector(RedisClient client) {
        return new RedisConnector(client);
    }

    @Bean
    RedisHealthIndicator redisHealthIndicator(RedisConnector connector) {
        return new RedisHealthIndicator(connector);
    }
}
