package dev.seatflow.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/** The partitions of a topic, for consumers that assign themselves rather than join a group. */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /** All of them, once the metadata knows them: right after a topic is created it may list none. */
    public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
            partitions.clear();
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            return !partitions.isEmpty();
        });
        return partitions;
    }
}
