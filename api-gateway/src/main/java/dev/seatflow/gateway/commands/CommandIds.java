package dev.seatflow.gateway.commands;

import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Command ids: random, or derived from the client's {@code Idempotency-Key} together with the
 * caller and the operation, so a retried request gets the first decision and the same key used for
 * another operation, user or tenant is another command.
 */
public final class CommandIds {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private CommandIds() {
    }

    public static UUID of(Caller caller, String operation, String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID();
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, HEADER + " must be 1 to 255 visible ASCII characters");
        }
        String name = String.join("|", "idempotency", caller.tenantId(), caller.userId(), operation, idempotencyKey);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
