package dev.seatflow.signing;

/** Signing or key handling failed; unchecked so callers on the grant path need no plumbing. */
public class SigningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
