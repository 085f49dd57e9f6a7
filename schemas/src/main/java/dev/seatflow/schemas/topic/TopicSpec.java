package dev.seatflow.schemas.topic;

import java.util.HashMap;
import java.util.Map;

/**
 * What it takes to create a topic: name, partitions and topic-level configuration.
 *
 * @param configs set when the topic is created; an existing topic keeps what its operators chose
 * @param required configs the platform's correctness depends on: set at creation and, on a topic
 *     that already exists, set again when they differ
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, Map<String, String> required) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for " + name);
        }
        configs = Map.copyOf(configs);
        required = Map.copyOf(required);
    }

    public TopicSpec(String name, int partitions, Map<String, String> configs) {
        this(name, partitions, configs, Map.of());
    }

    /** Everything a new topic is created with. */
    public Map<String, String> creationConfigs() {
        Map<String, String> all = new HashMap<>(configs);
        all.putAll(required);
        return all;
    }
}
