package dev.seatflow.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.testkit.CommandClient;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.RedisClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@RealServices
class ConcurrentAcquireTest {

    @Test
    void grantsNoMoreThanMaxSeatsUnderConcurrentAcquires(TestServices services) throws Exception {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 2);
        RedisClient redis = RedisClient.create(services.redis().uri());
        RedisKeys keys = new RedisKeys(services.namespace().redisKeyPrefix());
        try (var processor = ProcessorRuntime.start(services, services.redis().uri(), "a");
             var client = new CommandClient(services.kafka().bootstrapServers(), topics, 1);
             var connection = redis.connect()) {
            client.setUpTenant("acme", 10, "KEY-1");
            List<SeatCommand> acquires = IntStream.range(0, 100)
                    .mapToObj(i -> client.command("acme", new Actor("user-" + i, Role.MEMBER), new AcquireSeat("KEY-1", "hw-" + i)))
                    .toList();

            ExecutorService senders = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            for (SeatCommand acquire : acquires) {
                senders.submit(() -> {
                    go.await();
                    client.send(acquire);
                    return null;
                });
            }
            go.countDown();
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            client.flush();

            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() ->
                    acquires.stream().allMatch(command -> client.replies().containsKey(command.getCommandId())));
            Map<Outcome, Long> outcomes = acquires.stream()
                    .map(command -> client.replies().get(command.getCommandId()).get(0).getOutcome())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(outcomes).containsOnly(Map.entry(Outcome.GRANTED, 10L), Map.entry(Outcome.SEATS_EXHAUSTED, 90L));

            var sync = connection.sync();
            Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
                assertThat(sync.get(keys.seatCount("acme"))).isEqualTo("10");
                assertThat(sync.scard(keys.activeSessions("acme"))).isEqualTo(10);
            });
        } finally {
            redis.shutdown();
        }
    }
}
