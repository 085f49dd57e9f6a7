package dev.seatflow.schemas.serde;

import dev.seatflow.schemas.evolution.ReleasedSchemas;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one record type in Avro single-object encoding: a two-byte marker, the writer
 * schema's 64-bit fingerprint, then the binary datum. Thread-safe (Avro's message coders keep
 * their buffers per thread).
 */
final class SingleObjectAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final String typeName;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    SingleObjectAvroSerde(Class<T> type, ReleasedSchemas released) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.typeName = schema.getFullName();
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        released.versionsOf(typeName).forEach(decoder::addSchema);
    }

    private byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return encoder.encode(data).array();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("cannot encode " + typeName + " for " + topic + ": " + e.getMessage(), e);
        }
    }

    private T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new SerializationException("cannot decode " + typeName + " from " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }
}
