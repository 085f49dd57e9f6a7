package dev.seatflow.signing;

/** A signed license that does not verify; the message says which check failed. */
public final class LicenseVerificationException extends RuntimeException {

    public LicenseVerificationException(String message) {
        super(message);
    }
}
