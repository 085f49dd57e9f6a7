package dev.seatflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RealServices
class RedisLettuceTest {

    @Test
    void roundTripsStringsHashesAndExpiriesOverLettuce(TestServices services) {
        RedisClient client = RedisClient.create(services.redis().uri());
        try (var connection = client.connect()) {
            var redis = connection.sync();
            String prefix = services.namespace().redisKeyPrefix();

            redis.set(prefix + "tenant:a:seat_count", "3");
            redis.hset(prefix + "session:s1", Map.of("license", "l1", "user", "u1"));
            redis.expire(prefix + "session:s1", 360);

            assertThat(redis.get(prefix + "tenant:a:seat_count")).isEqualTo("3");
            assertThat(redis.hgetall(prefix + "session:s1")).containsEntry("user", "u1");
            assertThat(redis.ttl(prefix + "session:s1")).isBetween(1L, 360L);
        } finally {
            client.shutdown();
        }
    }
}
