package dev.seatflow.processor.decision;

import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a command asked for, kept with its remembered decision: a command id is derived from the
 * client's {@code Idempotency-Key}, and the same key sent again with another request (another
 * session to release, another license change) must be refused, not answered with the first
 * decision as if it were that request's (payment APIs answer such a reuse 422 the same way).
 *
 * <p>The fingerprint is SHA-256 over the payload's type and Avro binary encoding, which is the
 * same for the same values. A new license's id and key are left out: the gateway makes them up
 * for every request, so two tries of one request differ in them and nothing else.
 */
public final class RequestFingerprint {

    private static final UUID NO_ID = new UUID(0, 0);

    private RequestFingerprint() {
    }

    public static ByteBuffer of(Object payload) {
        SpecificRecord record = payload instanceof CreateLicense create
                ? CreateLicense.newBuilder(create).setLicenseId(NO_ID).setKey("").build()
                : (SpecificRecord) payload;
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(128);
        encoded.writeBytes(record.getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(encoded, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.wrap(sha256().digest(encoded.toByteArray()));
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
