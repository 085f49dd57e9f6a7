package dev.seatflow.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.testkit.CommandClient;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.RedisClusterService;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The mirror on a real Redis Cluster of three masters: beside a mirror of the previous key layout
 * (kept through a rolling upgrade) it builds the tenant-tagged layout from the events, each script
 * touching only one tenant's slot (the cluster refuses anything else, and the mirror would stall);
 * asked to, it then deletes the previous layout on every master.
 */
@RealServices
class RedisClusterMirrorTest {

    /** Tenants whose hash tags fall on different masters (slots 11304, 5538 and 4703). */
    private static final List<String> TENANTS = List.of("acme", "umbrella", "hooli");

    @Test
    void theMirrorAppliesEveryTenantsHistoryOnAClusterAndDeletesTheOldLayoutWhenAsked(TestServices services) throws Exception {
        RedisClusterService cluster = services.redisCluster().orElse(null);
        assumeTrue(cluster != null, "no redis-server to start a Redis Cluster with (see the test kit's log)");
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 1);
        String prefix = services.namespace().redisKeyPrefix();
        RedisKeys keys = new RedisKeys(prefix);
        RedisClusterClient direct = RedisClusterClient.create(cluster.uri());
        try (var connection = direct.connect()) {
            RedisAdvancedClusterCommands<String, String> redis = connection.sync();
            List<String> layout1 = layoutOneOnEveryMaster(cluster, prefix);
            layout1.add(prefix + "seatflow:mirror:offset:" + topics.events().name() + ":0");
            layout1.add(prefix + "seatflow:mirror:indexes");
            layout1.forEach(key -> redis.set(key, "written by the previous release"));

            try (var processor = ProcessorRuntime.start(clusterArguments(services, cluster));
                 var client = new CommandClient(services.kafka().bootstrapServers(), topics)) {
                Map<String, List<SeatDecision>> live = new LinkedHashMap<>();
                for (String tenant : TENANTS) {
                    client.setUpTenant(tenant, 5, "KEY-" + tenant);
                    List<SeatDecision> sessions = new ArrayList<>();
                    for (String user : List.of("alice", "bob", "carol")) {
                        sessions.add(acquire(client, tenant, user));
                    }
                    SeatDecision released = sessions.remove(0);
                    assertThat(client.decide(client.command(tenant, new Actor("alice", Role.MEMBER),
                            new ReleaseSeat(released.getSession().getSessionId()))).getOutcome()).isEqualTo(Outcome.RELEASED);
                    SeatDecision beat = client.decide(client.command(tenant, new Actor("bob", Role.MEMBER),
                            new Heartbeat(sessions.get(0).getSession().getSessionId())));
                    assertThat(beat.getOutcome()).isEqualTo(Outcome.EXTENDED);
                    sessions.set(0, beat);
                    live.put(tenant, sessions);
                }

                Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
                    for (var entry : live.entrySet()) {
                        assertMirrors(redis, keys, entry.getKey(), entry.getValue());
                    }
                });
                assertThat(TENANTS.stream().map(tenant -> cluster.masterOf(keys.seatCount(tenant))).distinct())
                        .as("the tenants' slots are on different masters").hasSize(3);
                assertThat(layout1.stream().filter(key -> redis.exists(key) > 0)).as("layout 1 kept during the rollout")
                        .hasSameSizeAs(layout1);

                // After the rollout the operator asks the running mirror to delete layout 1.
                redis.set(keys.mirrorLayout(), "1");
                Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                        assertThat(layout1.stream().filter(key -> redis.exists(key) > 0)).as("keys of layout 1 left").isEmpty());
                assertThat(redis.get(keys.mirrorLayout())).isEqualTo(RedisKeys.LAYOUT);
                for (var entry : live.entrySet()) {
                    assertMirrors(redis, keys, entry.getKey(), entry.getValue());
                }
            }
        } finally {
            direct.shutdown();
        }
    }

    /** Layout 1 data keys, a tenant's and a session's on each of the three masters. */
    private static List<String> layoutOneOnEveryMaster(RedisClusterService cluster, String prefix) {
        List<String> keys = new ArrayList<>();
        Set<Integer> tenantMasters = new HashSet<>();
        for (int i = 0; tenantMasters.size() < 3; i++) {
            String key = prefix + "tenant:old-" + i + ":seat_count";
            if (tenantMasters.add(cluster.masterOf(key))) {
                keys.add(key);
            }
        }
        Set<Integer> sessionMasters = new HashSet<>();
        while (sessionMasters.size() < 3) {
            String key = prefix + "session:" + UUID.randomUUID();
            if (sessionMasters.add(cluster.masterOf(key))) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<String> clusterArguments(TestServices services, RedisClusterService cluster) {
        List<String> args = ProcessorRuntime.arguments(services, cluster.uri(), "cluster");
        args.add("--seatflow.redis.cluster=true");
        return args;
    }

    private static SeatDecision acquire(CommandClient client, String tenant, String user) {
        SeatDecision decision = client.decide(client.command(tenant, new Actor(user, Role.MEMBER),
                new AcquireSeat("KEY-" + tenant, "hw-" + user)));
        assertThat(decision.getOutcome()).isEqualTo(Outcome.GRANTED);
        return decision;
    }

    private static void assertMirrors(RedisAdvancedClusterCommands<String, String> redis, RedisKeys keys, String tenant,
                                      List<SeatDecision> live) {
        Set<String> ids = live.stream().map(d -> d.getSession().getSessionId().toString()).collect(Collectors.toSet());
        assertThat(redis.get(keys.seatCount(tenant))).isEqualTo(Integer.toString(live.size()));
        assertThat(redis.smembers(keys.activeSessions(tenant))).isEqualTo(ids);
        assertThat(redis.zcard(keys.sessionsByStart(tenant))).isEqualTo(live.size());
        assertThat(redis.scard(keys.licenses(tenant))).isEqualTo(1);
        assertThat(redis.hget(keys.settings(tenant), "max_seats")).isEqualTo("5");
        for (SeatDecision decision : live) {
            var session = decision.getSession();
            var hash = redis.hgetall(keys.session(tenant, session.getSessionId().toString()));
            assertThat(hash).containsEntry("user_id", session.getUserId())
                    .containsEntry("last_heartbeat_at", Long.toString(session.getLastHeartbeatAt().toEpochMilli()));
            assertThat(redis.zrange(keys.userSessionsByStart(tenant, session.getUserId()), 0, -1))
                    .containsExactly(RedisKeys.ordered(session.getStartedAt().toEpochMilli(), session.getSessionId().toString()));
        }
    }
}
