package dev.seatflow.support.redis;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches Redis ({@code seatflow.redis.*}).
 *
 * @param uri Lettuce URI, e.g. {@code redis://host:6379/0} or {@code rediss://:password@host:6379}
 * @param keyPrefix put before every key (several environments or tests on one server)
 */
@Validated
@ConfigurationProperties("seatflow.redis")
public record RedisSettings(
        @NotBlank(message = "seatflow.redis.uri must be set, e.g. redis://127.0.0.1:6379")
        @Pattern(regexp = "rediss?(-socket)?://.+", message = "seatflow.redis.uri must start with redis:// or rediss://")
        String uri,
        String keyPrefix) {

    public RedisSettings {
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }
}
