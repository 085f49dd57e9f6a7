package dev.seatflow.expiry.delivery;

/** A way to tell a tenant about an expiring license. */
public interface ExpiryChannel {

    String WEBHOOK = "webhook";
    String EMAIL = "email";
    String PUSH = "push";

    /** The channel's name in settings, notifications and metrics. */
    String name();

    /**
     * Sends the warning once. Called again with the same {@link Warning#id()} after a failure or a
     * crash, so what it sends must carry the id for the receiver to dedupe.
     */
    void send(Warning warning) throws DeliveryException;
}
