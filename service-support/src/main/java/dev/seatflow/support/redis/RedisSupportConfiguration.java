package dev.seatflow.support.redis;

import dev.seatflow.support.health.BackgroundHealth;
import dev.seatflow.support.health.HealthCheckSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
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
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

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

    /**
     * One server or, with {@code seatflow.redis.cluster}, a cluster: the same connect, command and
     * disconnected behaviour either way; a cluster client also follows the topology (failovers,
     * resharding) as MOVED/ASK answers and a periodic refresh reveal it.
     */
    @Bean(destroyMethod = "shutdown")
    RedisEndpoint redisEndpoint(RedisSettings settings, RedisURI uri, ClientResources resources) {
        SocketOptions socket = SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(COMMAND_TIMEOUT);
        if (settings.cluster()) {
            RedisClusterClient client = RedisClusterClient.create(resources, uri);
            client.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .socketOptions(socket)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(timeouts)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .build())
                    .build());
            return RedisEndpoint.cluster(client);
        }
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(socket)
                // Fail commands fast while Redis is away instead of queueing them without bound.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(timeouts)
                .build());
        return RedisEndpoint.single(client, uri);
    }

    @Bean(destroyMethod = "close")
    RedisConnector redisConnector(RedisEndpoint endpoint) {
        return new RedisConnector(endpoint);
    }

    @Bean
    BackgroundHealth redisHealthIndicator(RedisConnector connector, HealthCheckSettings settings) {
        return BackgroundHealth.start("redis", settings, new RedisHealthCheck(connector));
    }
}
