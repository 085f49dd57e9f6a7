package dev.seatflow.processor.topology;

import org.apache.kafka.common.KafkaException;

/** Tells a decision that can never succeed from a failure that a retry can cure. */
final class Failures {

    private Failures() {
    }

    /**
     * True when the same record on the same state would fail again on every replay: the decision
     * code itself threw, or an output can never be written. Such a record is dead-lettered so the
     * task goes on. Failures of the infrastructure (state store, Kafka, a schema registry) are
     * not: the task stops, Kafka Streams aborts the transaction and the record is tried again.
     */
    static boolean isDeterministic(RuntimeException failure) {
        return failure instanceof UndeliverableOutput || !(failure instanceof KafkaException);
    }
}
