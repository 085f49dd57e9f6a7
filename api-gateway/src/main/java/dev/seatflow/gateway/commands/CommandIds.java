package dev.seatflow.gateway.commands;

import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Command ids, derived from an {@code Idempotency-Key} together with the caller and the operation,
 * so a retried request gets the first decision and the same key used for another operation, user
 * or tenant is another command. A request without a key gets a random one, which the gateway
 * hands back when it cannot answer in time: retrying with it reaches the same command.
 */
public final class CommandIds {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private CommandIds() {
    }

    /** A command's id and the idempotency key it was derived from (the client's, or one made up for it). */
    public record CommandId(UUID id, String idempotencyKey) {
    }

    public static CommandId of(Caller caller, String operation, String idempotencyKey) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, HEADER + " must be 1 to 255 visible ASCII characters");
        }
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        return new CommandId(UUID.nameUUIDFromBytes(name("idempotency", caller.tenantId(), caller.userId(), operation, key)), key);
    }

    /**
     * Each part preceded by its length: joined with a separator alone, a user id or key holding the
     * separator could make two different (user, operation, key) triples one command id.
     */
    static byte[] name(String... parts) {
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            name.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            name.writeBytes(bytes);
        }
        return name.toByteArray();
    }
}
