package dev.seatflow.gateway.ratelimit;

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
 * Token buckets kept in Redis (Bucket4j over Lettuce), so every gateway instance draws from the same
 * bucket per tenant and per client IP. Never blocks: while Redis is away (or connecting) the future
 * fails or waits, not the caller.
 */
final class RedisBuckets implements SharedBuckets, AutoCloseable {

    private final LazyRedisConnection<String, byte[]> connection;
    private final String prefix;
    /** The bucket proxy over the current connection (rebuilt only if the connection object changes). */
    private volatile Buckets buckets;

    RedisBuckets(RedisClient client, RedisURI uri, String keyPrefix) {
        this.connection = new LazyRedisConnection<>(client, uri, RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
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

    @Override
    public void close() {
        connection.close();
    }

    private record Buckets(StatefulRedisConnection<String, byte[]> connection, AsyncProxyManager<String> proxy) {
    }
}
