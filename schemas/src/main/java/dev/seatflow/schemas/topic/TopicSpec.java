package dev.seatflow.schemas.topic;

import java.util.Map;

/** What it takes to create a topic: name, partitions and topic-level configuration. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for " + name);
        }
        configs = Map.copyOf(configs);
    }
}
