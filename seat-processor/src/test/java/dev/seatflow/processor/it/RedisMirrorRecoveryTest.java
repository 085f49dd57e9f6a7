package dev.seatflow.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
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
import dev.seatflow.testkit.TcpProxy;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@RealServices
class RedisMirrorRecoveryTest {

    @Test
    void mirrorCatchesUpAfterRedisWasAwayAndRebuildsAfterAFlush(TestServices services) throws Exception {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 1);
        RedisKeys keys = new RedisKeys(services.namespace().redisKeyPrefix());
        RedisClient direct = RedisClient.create(services.redis().uri());
        try (var proxy = new TcpProxy(services.redis().host(), services.redis().port());
             var processor = ProcessorRuntime.start(services, "redis://127.0.0.1:" + proxy.port(), "m");
             var client = new CommandClient(services.kafka().bootstrapServers(), topics);
             var connection = direct.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            client.setUpTenant("acme", 5, "KEY-1");
            List<SeatDecision> live = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                live.add(acquire(client, "user-" + i));
            }
            assertMirrors(redis, keys, live);

            proxy.cut();
            SeatDecision released = live.remove(0);
            assertThat(client.decide(client.command("acme", new Actor(released.getSession().getUserId(), Role.MEMBER),
                    new ReleaseSeat(released.getSession().getSessionId()))).getOutcome()).isEqualTo(Outcome.RELEASED);
            live.add(acquire(client, "user-3"));
            live.add(acquire(client, "user-4"));
            assertThat(redis.get(keys.seatCount("acme"))).as("mirror stalled while Redis is unreachable").isEqualTo("3");

            proxy.restore();
            assertMirrors(redis, keys, live);
            assertThat(redis.exists(keys.session("acme", released.getSession().getSessionId().toString()))).isZero();

            deleteEverythingUnder(redis, services.namespace().redisKeyPrefix());
            assertThat(redis.get(keys.seatCount("acme"))).isNull();
            // A new event right after the flush reaches the mirror mid-topic: it must wait for the
            // rebuild, not set the emptied tenant's sequence ahead of the events it replays.
            live.add(acquire(client, "user-5"));
            assertMirrors(redis, keys, live);
            assertThat(redis.hget(keys.settings("acme"), "plan")).as("the tenant's first events rebuilt").isEqualTo("ENTERPRISE");
            assertThat(redis.scard(keys.licenses("acme"))).isEqualTo(1);
        } finally {
            direct.shutdown();
        }
    }

    private static SeatDecision acquire(CommandClient client, String user) {
        SeatDecision decision = client.decide(client.command("acme", new Actor(user, Role.MEMBER), new AcquireSeat("KEY-1", "hw-" + user)));
        assertThat(decision.getOutcome()).isEqualTo(Outcome.GRANTED);
        return decision;
    }

    private static void assertMirrors(RedisCommands<String, String> redis, RedisKeys keys, List<SeatDecision> live) {
        Set<String> ids = live.stream().map(d -> d.getSession().getSessionId().toString()).collect(Collectors.toSet());
        Awaitility.await().atMost(45, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(redis.get(keys.seatCount("acme"))).isEqualTo(Integer.toString(live.size()));
            assertThat(redis.smembers(keys.activeSessions("acme"))).isEqualTo(ids);
            for (SeatDecision decision : live) {
                var hash = redis.hgetall(keys.session("acme", decision.getSession().getSessionId().toString()));
                assertThat(hash).containsEntry("user_id", decision.getSession().getUserId())
                        .containsEntry("license_id", decision.getSession().getLicenseId().toString());
                assertThat(redis.pttl(keys.session("acme", decision.getSession().getSessionId().toString()))).isPositive();
            }
        });
    }

    private static void deleteEverythingUnder(RedisCommands<String, String> redis, String prefix) {
        List<String> found = new ArrayList<>();
        ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(found::add);
        if (!found.isEmpty()) {
            redis.del(found.toArray(String[]::new));
        }
    }
}
