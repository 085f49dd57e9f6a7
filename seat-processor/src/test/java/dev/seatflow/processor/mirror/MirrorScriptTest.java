package dev.seatflow.processor.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.RedisClusterService;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mirror-apply.lua against a real Redis: a tenant's events apply in sequence, never past a gap
 * (a failure, or keys gone); on a real Redis Cluster, each tenant's call runs on its master and nothing spans slots.
 */
@RealServices
class MirrorScriptTest {

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisClusterCommands<String, String> redis;
    private String sha;
    private RedisKeys keys;

    @BeforeEach
    void connect(TestServices services) throws IOException {
        client = RedisClient.create(services.redis().uri());
        connection = client.connect();
        redis = connection.sync();
        sha = redis.scriptLoad(script());
        keys = new RedisKeys("mirror-script-" + UUID.randomUUID() + ":");
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void anEventWhosePredecessorFailedIsRefusedAsAGapSoTheRetryLosesNothing() {
        String session = keys.session("acme", "s-1");
        String seatCount = keys.seatCount("acme");
        redis.set(keys.sequence("acme"), "4");
        redis.set(session, "not a hash");

        // Event 5 of the tenant fails (its HSET meets a string), event 6 comes right after it in the pipeline.
        assertThatThrownBy(() -> apply(redis, sha, keys.sequence("acme"), 5, "HSET", session, "1", "user_id", "alice"))
                .hasMessageContaining("WRONGTYPE");
        assertThatThrownBy(() -> apply(redis, sha, keys.sequence("acme"), 6, "SET", seatCount, "1"))
                .hasMessageContaining("SEQUENCE_GAP");
        assertThat(redis.get(keys.sequence("acme"))).isEqualTo("4");
        assertThat(redis.get(seatCount)).isNull();

        // The retry, once the cause is gone, applies both in order.
        redis.del(session);
        assertThat(apply(redis, sha, keys.sequence("acme"), 5, "HSET", session, "1", "user_id", "alice")).isEqualTo(1);
        assertThat(apply(redis, sha, keys.sequence("acme"), 6, "SET", seatCount, "1")).isEqualTo(1);
        assertThat(redis.hget(session, "user_id")).isEqualTo("alice");
        assertThat(redis.get(keys.sequence("acme"))).isEqualTo("6");
        assertThat(redis.get(seatCount)).isEqualTo("1");
    }

    @Test
    void aNewTenantStartsAtOneAndATenantWhoseKeysAreGoneRefusesItsNextEvent() {
        assertThat(apply(redis, sha, keys.sequence("acme"), 1, "SET", keys.seatCount("acme"), "1")).isEqualTo(1);
        assertThat(redis.get(keys.sequence("acme"))).isEqualTo("1");

        // umbrella's keys were emptied (flush, eviction) while the offsets stayed: its event 7 must not pass.
        assertThatThrownBy(() -> apply(redis, sha, keys.sequence("umbrella"), 7, "SET", keys.seatCount("umbrella"), "2"))
                .hasMessageContaining("SEQUENCE_GAP").hasMessageContaining(keys.sequence("umbrella") + " is at 0, event 7");
        assertThat(redis.exists(keys.sequence("umbrella"), keys.seatCount("umbrella"))).isZero();
    }

    @Test
    void aRedeliveredEventIsPassedOverAndAHeartbeatOnlyExtends() {
        String seatCount = keys.seatCount("acme");
        String session = keys.session("acme", "s-1");
        long now = System.currentTimeMillis(); // the heartbeats' PEXPIREAT must lie ahead
        apply(redis, sha, keys.sequence("acme"), 1, "SET", seatCount, "3", "HSET", session, "1", "expires_at", Long.toString(now + 2_000));

        assertThat(apply(redis, sha, keys.sequence("acme"), 1, "SET", seatCount, "9")).isZero();
        assertThat(redis.get(seatCount)).isEqualTo("3");
        // Heartbeats are not sequenced: re-applying an older one after a newer one changes nothing.
        String later = Long.toString(now + 60_000);
        assertThat(apply(redis, sha, keys.sequence("acme"), -1, "EXTEND", session, Long.toString(now), later)).isEqualTo(1);
        assertThat(apply(redis, sha, keys.sequence("acme"), -1, "EXTEND", session, Long.toString(now - 500), Long.toString(now + 30_000)))
                .isEqualTo(1);
        assertThat(redis.hget(session, "expires_at")).isEqualTo(later);
        assertThat(redis.pttl(session)).isGreaterThan(30_000);
        assertThat(redis.get(keys.sequence("acme"))).isEqualTo("1");
    }

    @Test
    void onAClusterEveryTenantsScriptRunsOnItsMasterAndKeysOfTwoTenantsAreRefused(TestServices services) throws IOException {
        RedisClusterService cluster = services.redisCluster().orElse(null);
        assumeTrue(cluster != null, "no redis-server to start a Redis Cluster with (see the test kit's log)");
        RedisClusterClient clusterClient = RedisClusterClient.create(cluster.uri());
        try (var clusterConnection = clusterClient.connect()) {
            var nodes = clusterConnection.sync();
            String clusterSha = nodes.scriptLoad(script()); // Lettuce loads it on every master
            // Tenants whose slots lie on the three different masters.
            for (String tenant : List.of("hooli", "umbrella", "acme")) {
                assertThat(apply(nodes, clusterSha, keys.sequence(tenant), 1, "SET", keys.seatCount(tenant), "2",
                        "ZADD", keys.userSessionsByStart(tenant, "bob"), RedisKeys.ordered(1, "s-1"),
                        "HSET", keys.session(tenant, "s-1"), "1", "user_id", "bob")).isEqualTo(1);
                assertThat(nodes.get(keys.sequence(tenant))).isEqualTo("1");
            }
            // What the cluster refuses, and what the old layout's scripts did: keys of more than one slot.
            assertThatThrownBy(() -> apply(nodes, clusterSha, keys.sequence("acme"), 2, "SET", keys.seatCount("umbrella"), "3"))
                    .hasMessageContaining("CROSSSLOT");
            assertThat(nodes.get(keys.seatCount("umbrella"))).isEqualTo("2");
        } finally {
            clusterClient.shutdown();
        }
    }

    static String script() throws IOException {
        try (InputStream in = RedisMirror.class.getResourceAsStream("/lua/mirror-apply.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs the script as the mirror does: the sequence key first, then every key the operations
     * name, each operation naming its key by index (operations here are written with key names).
     */
    static Long apply(RedisClusterCommands<String, String> redis, String sha, String sequenceKey, long sequence,
                      String... operations) {
        List<String> scriptKeys = new ArrayList<>(List.of(sequenceKey));
        List<String> args = new ArrayList<>(List.of(Long.toString(sequence)));
        int i = 0;
        while (i < operations.length) {
            String op = operations[i];
            args.add(op);
            scriptKeys.add(operations[i + 1]);
            args.add(Integer.toString(scriptKeys.size()));
            int arguments = switch (op) {
                case "DEL" -> 0;
                case "EXTEND" -> 2;
                case "HSET" -> 1 + 2 * Integer.parseInt(operations[i + 2]);
                default -> 1;
            };
            args.addAll(List.of(operations).subList(i + 2, i + 2 + arguments));
            i += 2 + arguments;
        }
        return redis.evalsha(sha, ScriptOutputType.INTEGER, scriptKeys.toArray(String[]::new), args.toArray(String[]::new));
    }
}
