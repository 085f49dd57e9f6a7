package dev.seatflow.expiry.webhook;

/** A webhook host that must not be called; the message says why, fit for the tenant and the notification row. */
public final class RefusedWebhookTargetException extends Exception {

    private final boolean unresolvable;

    public RefusedWebhookTargetException(String message) {
        this(message, false);
    }

    private RefusedWebhookTargetException(String message, boolean unresolvable) {
        super(message);
        this.unresolvable = unresolvable;
    }

    static RefusedWebhookTargetException unresolvable(String host) {
        return new RefusedWebhookTargetException("host " + host + " does not resolve", true);
    }

    /** Refused only because the host has no address (yet), not because of where it points. */
    public boolean unresolvable() {
        return unresolvable;
    }
}
