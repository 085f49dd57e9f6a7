package dev.seatflow.schemas.topic;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where in the commands topic the command a reply answers was read: a header on every reply.
 *
 * <p>Two replies for one command id are either the same record decided again (a replay after an
 * aborted transaction, which must be byte for byte the first) or two records with that id (a
 * client's retry with the same {@code Idempotency-Key}, which a heartbeat decides again, so its
 * answer may move on). Only the position tells a gateway which of the two it sees.
 */
public record CommandPosition(int partition, long offset) {

    public static final String HEADER = "seatflow-command-position";

    public void addTo(Headers headers) {
        headers.add(HEADER, toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a reply carries; empty for replies of processors that did not write one. */
    public static Optional<CommandPosition> of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        String value = new String(header.value(), StandardCharsets.US_ASCII);
        int at = value.indexOf('@');
        try {
            return at < 0 ? Optional.empty()
                    : Optional.of(new CommandPosition(Integer.parseInt(value, 0, at, 10), Long.parseLong(value, at + 1, value.length(), 10)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
