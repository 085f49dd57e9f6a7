package dev.seatflow.testkit;

import java.util.UUID;

/**
 * What one test owns on the shared services: a topic prefix, a Postgres schema and a Redis key
 * prefix, all derived from one short random id.
 */
public record TestNamespace(String id) {

    static TestNamespace random() {
        return new TestNamespace("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public String topicPrefix() {
        return id + ".";
    }

    public String postgresSchema() {
        return id;
    }

    public String redisKeyPrefix() {
        return id + ":";
    }

    /** A Kafka group or Streams application id unique to this test. */
    public String applicationId(String base) {
        return id + "-" + base;
    }
}
