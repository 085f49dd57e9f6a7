package dev.seatflow.gateway.commands;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.schemas.decision.SeatDecision;

/** The HTTP errors of the processor's refusals. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * @param notFound the code for NOT_FOUND here (a license or a session)
     */
    public static ApiException of(SeatDecision decision, ErrorCode notFound) {
        String message = decision.getMessage() == null ? "" : decision.getMessage();
        ErrorCode code = switch (decision.getOutcome()) {
            case NOT_FOUND -> notFound;
            case SESSION_GONE -> ErrorCode.SESSION_GONE;
            case SEATS_EXHAUSTED -> ErrorCode.SEATS_EXHAUSTED;
            case SESSION_LIMIT_REACHED -> ErrorCode.SESSION_LIMIT_REACHED;
            case IDEMPOTENCY_KEY_REUSE -> ErrorCode.IDEMPOTENCY_KEY_REUSE;
            case LICENSE_INACTIVE -> ErrorCode.LICENSE_INACTIVE;
            case LICENSE_EXPIRED -> ErrorCode.LICENSE_EXPIRED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case CONFLICT -> ErrorCode.LICENSE_CONFLICT;
            case QUOTA_EXCEEDED -> ErrorCode.LICENSE_QUOTA_EXCEEDED;
            case INVALID -> ErrorCode.INVALID_REQUEST;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        return new ApiException(code, message.isEmpty() ? code.title() : message)
                .with("command_id", decision.getCommandId().toString());
    }
}
