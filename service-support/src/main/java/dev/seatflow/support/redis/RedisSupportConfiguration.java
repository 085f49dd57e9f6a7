package dev.seatflow.support.redis;

import dev.seatflow.support.health.BackgroundHealth;
import dev.seatflow.support.health.HealthCheckSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One Lettuce client and one shared, lazily opened, auto-reconnecting connection per service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RedisSettings.class, HealthCheckSettings.class})
public class RedisSupportConfiguration {

    /**
     * Longest a connect (TCP and handshake) may block its caller: Lettuce's defaults are 10 s and
     * 60 s, and the first use of the shared connection connects synchronously.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @Bean(destroyMethod = "shutdown")
    ClientResources redisClientResources() {
        // Reconnect quickly once Redis is back (Lettuce's default backs off to 30 s).
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    @Bean
    RedisURI redisUri(RedisSettings settings) {
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(CONNECT_TIMEOUT); // bounds the connect handshake; commands have their own timeout below
        return uri;
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(RedisURI uri, ClientResources resources) {
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                // Fail commands fast while Redis is away instead of queueing them without bound.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        return client;
    }

    @Bean(destroyMethod = "close")
    RedisConnector redisConnector(RedisClient client, RedisURI uri) {
        return new RedisConnector(client, uri);
    }

    @Bean
    BackgroundHealth redisHealthIndicator(RedisConnector connector, HealthCheckSettings settings) {
        return BackgroundHealth.start("redis", settings, new RedisHealthCheck(connector));
    }
}
