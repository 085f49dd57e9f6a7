package dev.seatflow.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failures of a handler or of the consumer itself are retried in plain sight; no record is skipped. */
@RealServices
class RetryingConsumerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RetryingConsumer consumer;

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.stop();
        }
    }

    @Test
    void aHandlerThatThrowsAnythingGetsTheSameRecordsAgainUntilItSucceeds(TestServices services) throws Exception {
        String topic = topic(services);
        produce(services, topic, "a", "b", "c");
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger bugs = new AtomicInteger(2);
        consumer = start(services, topic, new RetryingConsumer.BatchHandler() {
            @Override
            public void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> kafka) {
                if (!records.isEmpty() && bugs.getAndDecrement() > 0) {
                    // Not a decoding problem, not a store outage: a bug. It must not cost a record.
                    throw new NullPointerException("a bug in the handler");
                }
                records.forEach(record -> handled.add(new String(record.value(), StandardCharsets.UTF_8)));
            }
        });

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(handled).containsExactly("a", "b", "c"));
        assertThat(meters.get("seatflow.consumer.failures").tag("consumer", "test").counter().count()).isEqualTo(2);
        // Healthy again once the batch that went through is committed.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(consumer::isHealthy);
    }

    @Test
    void aConsumerWhosePollFailsIsReportedUnhealthyAndReplacedByANewOne(TestServices services) throws Exception {
        String topic = topic(services);
        produce(services, topic, "x", "y");
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean failAssignment = new AtomicBoolean(true);
        consumer = start(services, topic, new RetryingConsumer.BatchHandler() {
            @Override
            public void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> kafka) {
                records.forEach(record -> handled.add(new String(record.value(), StandardCharsets.UTF_8)));
            }

            @Override
            public void onAssigned(Collection<TopicPartition> partitions, Consumer<byte[], byte[]> kafka) {
                // Thrown from a rebalance callback, this comes out of poll(): it used to end the consumer's thread for good.
                if (failAssignment.get()) {
                    throw new IllegalStateException("cannot read the start positions");
                }
            }
        });

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.isHealthy());
        failAssignment.set(false);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(handled).containsExactly("x", "y"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(consumer::isHealthy);
        assertThat(meters.get("seatflow.consumer.failures").tag("consumer", "test").counter().count()).isGreaterThanOrEqualTo(1);
    }

    private RetryingConsumer start(TestServices services, String topic, RetryingConsumer.BatchHandler handler) {
        RetryingConsumer started = new RetryingConsumer("test", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "retrying-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), List.of(topic), handler, Duration.ofMillis(500), meters);
        started.start();
        return started;
    }

    private static String topic(TestServices services) throws Exception {
        String topic = services.namespace().topicPrefix() + "retrying-" + UUID.randomUUID();
        services.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        return topic;
    }

    private static void produce(TestServices services, String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }
}
