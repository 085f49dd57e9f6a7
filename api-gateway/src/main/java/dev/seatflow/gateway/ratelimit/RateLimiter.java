package dev.seatflow.gateway.ratelimit;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.support.redis.LazyRedisConnection;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Token buckets kept in Redis, so every gateway instance draws from the same bucket per tenant
 * and per client IP. Each bucket holds one period's worth of requests and refills continuously.
 */
public final class RateLimiter implements AutoCloseable {

    private final LazyRedisConnection<String, byte[]> connection;
    private final String prefix;
    private final BucketConfiguration perTenant;
    private final BucketConfiguration perIp;
    /** The bucket proxy over the current connection (rebuilt only if the connection object changes). */
    private volatile Buckets buckets;

    public RateLimiter(RedisClient client, RedisURI uri, String keyPrefix, GatewaySettings.RateLimit limits) {
        this.connection = new LazyRedisConnection<>(client, uri, RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.prefix = keyPrefix + "ratelimit:";
        this.perTenant = bucket(limits.perTenant(), limits.period());
        this.perIp = bucket(limits.perClientIp(), limits.period());
    }

    /** Takes one request from the tenant's bucket; the probe says how long to wait when it is empty. */
    public CompletableFuture<ConsumptionProbe> tenant(String tenantId) {
        return take("tenant:" + tenantId, perTenant);
    }

    public CompletableFuture<ConsumptionProbe> clientIp(String ip) {
        return take("ip:" + ip, perIp);
    }

    /** Never blocks: while Redis is away (or connecting) the future fails or waits, not the caller. */
    private CompletableFuture<ConsumptionProbe> take(String key, BucketConfiguration configuration) {
        return connection.connectAsync().thenCompose(redis -> buckets(redis).proxy()
                .builder().build(prefix + key, () -> CompletableFuture.completedFuture(configuration))
                .tryConsumeAndReturnRemaining(1));
    }

    private Buckets buckets(StatefulRedisConnection<String, byte[]> redis) {
        Buckets current = buckets;
        if (current == null || current.connection() != redis) {
            current = new Buckets(redis, Bucket4jLettuce.casBasedBuilder(redis)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build()
                    .asAsync());
            buckets = current;
        }
        return current;
    }

    private static BucketConfiguration bucket(int requests, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
                .build();
    }

    @Override
    public void close() {
        connection.close();
    }

    private record Buckets(StatefulRedisConnection<String, byte[]> connection, AsyncProxyManager<String> proxy) {
    }
}
