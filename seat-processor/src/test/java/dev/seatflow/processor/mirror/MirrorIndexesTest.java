package dev.seatflow.processor.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A mirror written before the time indexes gets them built once, from what its sets hold. */
@RealServices
class MirrorIndexesTest {

    private RedisClient client;
    private RedisConnector connector;
    private RedisCommands<String, String> redis;
    private RedisKeys keys;

    @BeforeEach
    void connect(TestServices services) {
        RedisURI uri = RedisURI.create(services.redis().uri());
        client = RedisClient.create(uri);
        connector = new RedisConnector(client, uri);
        redis = connector.connection().sync();
        keys = new RedisKeys("indexes-" + UUID.randomUUID() + ":");
    }

    @AfterEach
    void close() {
        client.shutdown();
    }

    @Test
    void indexesWhatTheSetsHoldOnceAndSkipsASessionWhoseHashHasLapsed() {
        license("acme", "lic-b", 2_000);
        license("acme", "lic-a", 1_000);
        session("acme", "s-1", "alice", 5_000);
        session("acme", "s-2", "bob", 4_000);
        redis.sadd(keys.activeSessions("acme"), "s-lapsed");
        license("globex", "lic-g", 3_000);

        new MirrorIndexes(connector, keys).ensureBuilt();

        assertThat(redis.zrange(keys.licensesByCreation("acme"), 0, -1))
                .containsExactly(RedisKeys.ordered(1_000, "lic-a"), RedisKeys.ordered(2_000, "lic-b"));
        assertThat(redis.zrange(keys.sessionsByStart("acme"), 0, -1))
                .containsExactly(RedisKeys.ordered(4_000, "s-2"), RedisKeys.ordered(5_000, "s-1"));
        assertThat(redis.zrange(keys.userSessionsByStart("acme", "alice"), 0, -1)).containsExactly(RedisKeys.ordered(5_000, "s-1"));
        assertThat(redis.zrange(keys.licensesByCreation("globex"), 0, -1)).containsExactly(RedisKeys.ordered(3_000, "lic-g"));
        assertThat(redis.get(keys.mirrorIndexesBuilt())).isEqualTo("1");

        license("acme", "lic-late", 9_000);
        new MirrorIndexes(connector, keys).ensureBuilt();
        assertThat(redis.zcard(keys.licensesByCreation("acme"))).as("built once; the mirror's writes index later ones").isEqualTo(2);
    }

    @Test
    void orderedMembersSortByTimeThenId() {
        assertThat(RedisKeys.ordered(1_000, "b")).isLessThan(RedisKeys.ordered(1_000, "c")).isLessThan(RedisKeys.ordered(10_000, "a"));
        assertThat(RedisKeys.idOf(RedisKeys.ordered(42, "7f1c|x"))).isEqualTo("7f1c|x");
    }

    private void license(String tenant, String id, long createdAt) {
        redis.sadd(keys.licenses(tenant), id);
        redis.hset(keys.license(tenant, id), Map.of("license_id", id, "created_at", Long.toString(createdAt)));
    }

    private void session(String tenant, String id, String user, long startedAt) {
        redis.sadd(keys.activeSessions(tenant), id);
        redis.hset(keys.session(id), Map.of("tenant_id", tenant, "user_id", user, "started_at", Long.toString(startedAt)));
    }
}
