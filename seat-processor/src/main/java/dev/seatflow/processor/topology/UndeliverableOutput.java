package dev.seatflow.processor.topology;

/**
 * A decision's output that can never be written, whatever is retried: a value the schema cannot
 * encode, or a record larger than the topic accepts. The decision is refused (dead-lettered)
 * rather than written in part or retried forever.
 */
final class UndeliverableOutput extends RuntimeException {

    UndeliverableOutput(String message, Throwable cause) {
        super(message, cause);
    }
}
