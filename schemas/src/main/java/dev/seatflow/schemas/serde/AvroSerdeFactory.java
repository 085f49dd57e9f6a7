package dev.seatflow.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes Kafka serdes for Seatflow's Avro records in the configured wire format.
 *
 * <p>Two formats, chosen by {@link SerdeSettings}: with a schema registry, Apicurio Registry's
 * serdes frame each value with the registry's schema id (Confluent-compatible), so stock
 * consumers can read the topics; without one, Avro single-object encoding carries the writer
 * schema's fingerprint and the schema is resolved from the ones this module ships.
 */
public interface AvroSerdeFactory {

    <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);

    /** Human-readable name of the wire format, for startup logs. */
    String describe();

    static AvroSerdeFactory create(SerdeSettings settings) {
        return settings.usesRegistry()
                ? new RegistryAvroSerdeFactory(settings)
                : new SingleObjectAvroSerdeFactory();
    }
}
