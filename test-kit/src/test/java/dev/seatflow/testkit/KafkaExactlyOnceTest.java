package dev.seatflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.Topic;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

@RealServices
class KafkaExactlyOnceTest {

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly(TestServices services) {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 2, 1);
        Topic<String, SeatCommand> commands = topics.commands();
        SeatCommand committed = command("committed");
        SeatCommand aborted = command("aborted");

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, services.namespace().applicationId("tx"),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                commands.keySerde().serializer(), commands.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(commands.record("tenant-a", aborted));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(commands.record("tenant-a", committed));
            producer.commitTransaction();
        }

        List<SeatCommand> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, services.namespace().applicationId("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                commands.keySerde().deserializer(), commands.valueSerde().deserializer())) {
            consumer.subscribe(List.of(commands.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
            }
            // One more poll: an aborted record, had it leaked, would sit before the committed one.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> seen.add(record.value()));
        }

        assertThat(seen).containsExactly(committed);
    }

    private static SeatCommand command(String user) {
        return new SeatCommand(UUID.randomUUID(), "tenant-a", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                new Actor(user, Role.MEMBER), new Origin(null, null), -1, new ReleaseSeat(UUID.randomUUID()));
    }
}
