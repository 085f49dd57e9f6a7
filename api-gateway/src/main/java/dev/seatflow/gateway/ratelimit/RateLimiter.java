package dev.seatflow.gateway.ratelimit;

import dev.seatflow.gateway.config.GatewaySettings;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
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

    private final RedisClient client;
    private final String prefix;
    private final BucketConfiguration perTenant;
    private final BucketConfiguration perIp;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile AsyncProxyManager<String> buckets;

    public RateLimiter(RedisClient client, String keyPrefix, GatewaySettings.RateLimit limits) {
        this.client = client;
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

    private CompletableFuture<ConsumptionProbe> take(String key, BucketConfiguration configuration) {
        return buckets().builder().build(prefix + key, () -> CompletableFuture.completedFuture(configuration))
                .tryConsumeAndReturnRemaining(1);
    }

    /** Connected on first use, so the gateway starts while Redis is away. */
    private AsyncProxyManager<String> buckets() {
        AsyncProxyManager<String> current = buckets;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (buckets == null) {
                connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                buckets = Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                        .build()
                        .asAsync();
            }
            return buckets;
        }
    }

    private static BucketConfiguration bucket(int requests, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
                .build();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }

}
