package dev.seatflow.testkit;

/** A running Kafka cluster and where it came from (for the test log). */
public record KafkaService(String bootstrapServers, String source) {
}
