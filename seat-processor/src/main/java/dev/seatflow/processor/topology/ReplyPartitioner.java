package dev.seatflow.processor.topology;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each decision to the reply partition its command named: the one its gateway reads. */
final class ReplyPartitioner implements StreamPartitioner<String, Output.Reply> {

    private static final Logger log = LoggerFactory.getLogger(ReplyPartitioner.class);

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, Output.Reply reply, int numPartitions) {
        int partition = reply.partition();
        if (partition >= numPartitions) {
            log.warn("command {} asked for reply partition {} but {} has {}; its sender will not see the reply",
                    key, partition, topic, numPartitions);
            partition = partition % numPartitions;
        }
        return Optional.of(Set.of(partition));
    }
}
