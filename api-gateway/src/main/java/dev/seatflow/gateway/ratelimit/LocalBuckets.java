package dev.seatflow.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;

/**
 * This instance's own token buckets of one kind (client IPs or tenants), for while Redis cannot be
 * asked. Bounded, since the keys come from clients: at most {@code maxBuckets}, the least recently
 * used dropped first, and any bucket untouched for {@code idle} (the time it takes to fill up
 * again, so nothing is lost). A dropped bucket comes back full: the bound can make the limit more
 * lenient for the address it drops, never refuse anyone who should pass.
 */
final class LocalBuckets {

    private final LoadingCache<String, Bucket> buckets;

    LocalBuckets(BucketConfiguration configuration, int maxBuckets, Duration idle) {
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfterAccess(idle)
                .build(key -> bucket(configuration));
    }

    /** Takes one token from the bucket under {@code key}; the probe says how long to wait when it is empty. */
    ConsumptionProbe take(String key) {
        return buckets.get(key).tryConsumeAndReturnRemaining(1);
    }

    private static Bucket bucket(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth limit : configuration.getBandwidths()) {
            builder.addLimit(limit);
        }
        return builder.build();
    }
}
