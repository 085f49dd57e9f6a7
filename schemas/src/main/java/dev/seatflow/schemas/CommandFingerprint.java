package dev.seatflow.schemas;

import dev.seatflow.schemas.command.CreateLicense;
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
 * What a command asks for, as a SHA-256: two requests sent with one {@code Idempotency-Key} are
 * the same request exactly when their fingerprints are equal. The seat processor keeps it with a
 * remembered decision; the gateway compares it between requests waiting at once.
 *
 * <p>Computed over a version tag, the payload's type and its Avro binary encoding, which is the
 * same for the same values. A new license's id and key are left out: the gateway makes them up for
 * every request, so two tries of one request differ in them and nothing else. A change to a
 * payload's schema changes its fingerprints (a retry across that upgrade is then refused as
 * another request), which is why {@code CommandFingerprintTest} pins them: change the tag then.
 */
public final class CommandFingerprint {

    private static final byte[] TAG = "seatflow.command-fingerprint.v1|".getBytes(StandardCharsets.US_ASCII);
    private static final UUID NO_ID = new UUID(0, 0);

    private CommandFingerprint() {
    }

    public static ByteBuffer of(Object payload) {
        SpecificRecord record = payload instanceof CreateLicense create
                ? CreateLicense.newBuilder(create).setLicenseId(NO_ID).setKey("").build()
                : (SpecificRecord) payload;
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(128);
        encoded.writeBytes(TAG);
        encoded.writeBytes(record.getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(encoded, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(encoded.toByteArray())).asReadOnlyBuffer();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
