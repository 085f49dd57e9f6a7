package dev.seatflow.gateway.ratelimit;

import dev.seatflow.support.redis.LazyRedisConnection;
import dev.seatflow.support.redis.RedisEndpoint;
import dev.seatflow.support.redis.RedisLink;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Token buckets kept in Redis (Bucket4j over Lettuce), so every gateway instance draws from the same
 * bucket per tenant and per client IP. Each bucket is one key, so it works on one Redis and on a
 * Redis Cluster alike (Bucket4j's cluster proxy there). Never blocks: while Redis is away (or
 * connecting) the future fails or waits, not the caller.
 */
final class RedisBuckets implements SharedBuckets, AutoCloseable {

    private final LazyRedisConnection<String, byte[]> connection;
    private final String prefix;
    /** The bucket proxy over the current connection (rebuilt only if the connection object changes). */
    private volatile Buckets buckets;

    RedisBuckets(RedisEndpoint endpoint, String keyPrefix) {
        this.connection = new LazyRedisConnection<>(endpoint, RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.prefix = keyPrefix;
        // Connect now, without waiting: the first requests should not pay for the connect (nor trip
        // the limiter's timeout with it); if Redis is away, the next use tries again.
        connection.connectAsync();
    }

    @Override
    public CompletableFuture<ConsumptionProbe> take(String key, BucketConfiguration configuration) {
        return connection.connectAsync().thenCompose(redis -> buckets(redis).proxy()
                .builder().build(prefix + key, () -> CompletableFuture.completedFuture(configuration))
                .tryConsumeAndReturnRemaining(1));
    }

    private Buckets buckets(RedisLink<String, byte[]> redis) {
        Buckets current = buckets;
        if (current == null || current.connection() != redis) {
            var builder = redis instanceof RedisLink.Cluster<String, byte[]> cluster
                    ? Bucket4jLettuce.casBasedBuilder(cluster.connection())
                    : Bucket4jLettuce.casBasedBuilder(((RedisLink.Single<String, byte[]>) redis).connection());
            current = new Buckets(redis, builder
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build()
                    .asAsync());
            buckets = current;
        }
        return current;
    }

    @Override
    public void close() {
        connection.close();
    }

    private record Buckets(RedisLink<String, byte[]> connection, AsyncProxyManager<String> proxy) {
    }
}
