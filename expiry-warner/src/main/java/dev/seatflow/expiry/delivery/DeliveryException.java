package dev.seatflow.expiry.delivery;

/** A send that did not go through; the warning is retried with backoff. The message is stored, so it holds no secrets. */
public final class DeliveryException extends Exception {

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
