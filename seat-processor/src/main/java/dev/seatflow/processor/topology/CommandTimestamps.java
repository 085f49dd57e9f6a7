package dev.seatflow.processor.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A command's time is its record's timestamp: the broker's append time on a commands topic with
 * {@code message.timestamp.type=LogAppendTime}. A record without a valid timestamp (possible only
 * on a topic stamped by producers) takes the partition's time so far instead of failing the task,
 * as Kafka Streams' default extractor would, on every replay.
 */
final class CommandTimestamps implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
