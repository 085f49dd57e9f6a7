package dev.seatflow.processor.topology;

/**
 * What the command processor emits, already encoded: the topology routes each kind to its own
 * topic. Encoding happens while the decision can still be refused whole (see {@link OutputEncoder}),
 * so forwarding can no longer fail halfway through a decision's outputs.
 */
public sealed interface Output {

    byte[] value();

    /** A decision for the gateway waiting on {@code partition} of the reply topic. */
    record Reply(int partition, byte[] value) implements Output {
    }

    record Event(byte[] value) implements Output {
    }

    record HeartbeatSeen(byte[] value) implements Output {
    }

    /** A command or timer that cannot be decided, kept byte for byte; the reason travels in a header. */
    record DeadLetter(byte[] value) implements Output {
    }

    /** A tick for {@code partition} of the commands topic: the task's own partition. */
    record Tick(int partition, byte[] value) implements Output {
    }
}
