package dev.seatflow.schemas.serde;

import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Consumers set aside only records whose bytes cannot be decoded, which they recognise as a
 * {@link SerializationException}; any other failure is retried. Apicurio's deserializer reports
 * bad bytes otherwise ({@code IllegalStateException: Unknown magic byte!}, Avro's runtime
 * exceptions): this says so in the consumers' terms, and lets everything else (the registry being
 * away) through unchanged.
 */
final class DecodeFailures {

    private DecodeFailures() {
    }

    static <T> Deserializer<T> asSerializationErrors(Deserializer<T> deserializer) {
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                try {
                    return deserializer.deserialize(topic, data);
                } catch (IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException | AvroRuntimeException e) {
                    throw new SerializationException("cannot decode a record of " + topic + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                deserializer.close();
            }
        };
    }
}
