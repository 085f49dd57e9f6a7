package dev.seatflow.support.redis;

import io.lettuce.core.RedisURI;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches Redis ({@code seatflow.redis.*}).
 *
 * @param uri Lettuce URI, e.g. {@code redis://host:6379/0} or {@code rediss://:password@host:6379};
 *     with {@code cluster} the URI of any node (a managed cluster's discovery endpoint), database 0
 * @param keyPrefix put before every key (several environments or tests on one server)
 * @param cluster Redis Cluster (e.g. Memorystore cluster mode): Lettuce's cluster client, which
 *     discovers the nodes and routes each command to the node owning its keys' slot
 */
@Validated
@ConfigurationProperties("seatflow.redis")
public record RedisSettings(
        @NotBlank(message = "seatflow.redis.uri must be set, e.g. redis://127.0.0.1:6379")
        @Pattern(regexp = "rediss?(-socket)?://.+", message = "seatflow.redis.uri must start with redis:// or rediss://")
        String uri,
        String keyPrefix,
        boolean cluster) {

    public RedisSettings {
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    /** A cluster has one database, 0, and a Unix socket cannot reach one. */
    @AssertTrue(message = "with seatflow.redis.cluster=true, seatflow.redis.uri must be a redis:// or rediss:// URI of a node, without a database number")
    public boolean isClusterUriUsable() {
        if (!cluster || uri == null || uri.isBlank()) {
            return true;
        }
        try {
            RedisURI parsed = RedisURI.create(uri);
            return parsed.getSocket() == null && parsed.getDatabase() == 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
