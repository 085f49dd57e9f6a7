package dev.seatflow.processor.decision;

import dev.seatflow.schemas.CommandFingerprint;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import java.nio.ByteBuffer;

/**
 * A remembered decision keeps what its command asked for ({@link CommandFingerprint}): a command
 * id is derived from the client's {@code Idempotency-Key}, and the same key sent again with
 * another request (another session to release, another license change) must be refused, not
 * answered with the first decision as if it were that request's (payment APIs answer such a reuse
 * 422 the same way).
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** The decision to remember: the one made, with what was asked for. */
    public static SeatDecision remembered(SeatDecision decided, ByteBuffer fingerprint) {
        return SeatDecision.newBuilder(decided).setRequestFingerprint(fingerprint).build();
    }

    /**
     * The answer to a command id seen before: the first decision when the request is the same (or
     * the first was remembered before fingerprints were), else a refusal that changes nothing.
     */
    public static SeatDecision answerAgain(DecisionContext context, SeatDecision first, ByteBuffer fingerprint) {
        ByteBuffer asked = first.getRequestFingerprint();
        if (asked == null || asked.duplicate().equals(fingerprint.duplicate())) {
            return SeatDecision.newBuilder(first).setRequestFingerprint(null).build();
        }
        return Decisions.of(context, Outcome.IDEMPOTENCY_KEY_REUSE,
                "this Idempotency-Key was used for a different request; use a new key for a new request");
    }
}
