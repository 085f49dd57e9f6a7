package dev.seatflow.schemas.topic;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its key and value: the one place a topic's name and wire format
 * are bound together. Obtain instances from {@link TopicCatalog}.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public ProducerRecord<K, V> record(K key, V value) {
        return new ProducerRecord<>(name, key, value);
    }

    public ProducerRecord<K, V> record(int partition, K key, V value) {
        return new ProducerRecord<>(name, partition, key, value);
    }
}
