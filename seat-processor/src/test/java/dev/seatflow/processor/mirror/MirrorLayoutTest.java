package dev.seatflow.processor.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key layout 1 is deleted only when an operator asks, and then only its own key shapes; a Redis
 * without its progress keys is never scanned for deletion.
 */
@RealServices
class MirrorLayoutTest {

    private RedisClient client;
    private RedisConnector connector;
    private RedisClusterCommands<String, String> redis;
    private String prefix;
    private RedisKeys keys;

    @BeforeEach
    void connect(TestServices services) {
        RedisURI uri = RedisURI.create(services.redis().uri());
        client = RedisClient.create(uri);
        connector = new RedisConnector(client, uri);
        redis = connector.connection().sync();
        prefix = "layout-" + UUID.randomUUID() + ":";
        keys = new RedisKeys(prefix);
    }

    @AfterEach
    void close() {
        connector.close();
        client.shutdown();
    }

    @Test
    void aRedisWithoutLayoutOnesProgressKeysIsOnlyRecordedAndLookalikeKeysStayEvenWhenAsked() {
        List<String> others = List.of(prefix + "session:" + UUID.randomUUID(), prefix + "tenant:acme:seat_count");
        others.forEach(key -> redis.set(key, "another application's"));

        new MirrorLayout(connector, keys).ensureCurrent();

        assertThat(redis.exists(others.toArray(String[]::new))).isEqualTo(others.size());
        assertThat(redis.get(keys.mirrorLayout())).isEqualTo(RedisKeys.LAYOUT);

        // Even when asked to delete layout 1: without its progress keys, there is none here.
        redis.set(keys.mirrorLayout(), "1");
        new MirrorLayout(connector, keys).ensureCurrent();
        assertThat(redis.exists(others.toArray(String[]::new))).isEqualTo(others.size());
        assertThat(redis.get(keys.mirrorLayout())).isEqualTo(RedisKeys.LAYOUT);
        redis.del(others.toArray(String[]::new));
        redis.del(keys.mirrorLayout());
    }

    @Test
    void layoutOneStaysThroughTheRolloutAndOnlyItsOwnShapesGoOnceAnOperatorAsks() {
        List<String> layout1 = new ArrayList<>(List.of(prefix + "seatflow:mirror:offset:events:0", prefix + "seatflow:mirror:indexes"));
        for (int i = 0; i < 1_200; i++) { // more than one SCAN page
            layout1.add(prefix + "tenant:tenant-" + i + ":seat_count");
            layout1.add(prefix + "tenant:tenant-" + i + ":user_sessions:bob");
            layout1.add(prefix + "session:" + UUID.randomUUID());
        }
        List<String> kept = List.of(keys.seatCount("acme"), keys.session("acme", "s-1"), keys.mirrorOffset("events", 0),
                prefix + "ratelimit:tenant:acme", prefix + "session:not-a-session-id", prefix + "tenant:acme:cart",
                "other-" + prefix + "tenant:acme:seat_count");
        layout1.forEach(key -> redis.set(key, "1"));
        kept.forEach(key -> redis.set(key, "1"));

        // A new processor starting during the rollout: old processors and gateways still use layout 1.
        new MirrorLayout(connector, keys).ensureCurrent();
        assertThat(redis.exists(layout1.toArray(String[]::new))).isEqualTo(layout1.size());
        assertThat(redis.get(keys.mirrorLayout())).isEqualTo(RedisKeys.LAYOUT);

        // After the rollout the operator records layout 1.
        redis.set(keys.mirrorLayout(), "1");
        new MirrorLayout(connector, keys).ensureCurrent();

        assertThat(redis.exists(layout1.toArray(String[]::new))).isZero();
        assertThat(redis.exists(kept.toArray(String[]::new))).isEqualTo(kept.size());
        assertThat(redis.get(keys.mirrorLayout())).isEqualTo(RedisKeys.LAYOUT);
        redis.del(kept.toArray(String[]::new));
        redis.del(keys.mirrorLayout());
    }
}
