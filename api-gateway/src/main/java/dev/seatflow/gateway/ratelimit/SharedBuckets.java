package dev.seatflow.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.CompletableFuture;

/** Token buckets every gateway instance draws from: {@link RedisBuckets}. */
interface SharedBuckets {

    /**
     * Takes one token from the bucket under {@code key}, made with {@code configuration} if it does
     * not exist yet; the future fails (or never completes) while the store cannot be asked.
     */
    CompletableFuture<ConsumptionProbe> take(String key, BucketConfiguration configuration);
}
