package dev.seatflow.schemas.serde;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Apicurio Registry serdes. The schema id travels in the value (magic byte 0 and a 4-byte id,
 * the framing Confluent's deserializers also read), not in headers, so Connect, Flink, ksqlDB or
 * Spark pointed at the registry's Confluent-compatible API read the topics as they are.
 */
final class RegistryAvroSerdeFactory implements AvroSerdeFactory {

    private final SerdeSettings settings;

    RegistryAvroSerdeFactory(SerdeSettings settings) {
        this.settings = settings;
    }

    @Override
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        Map<String, Object> config = new HashMap<>(settings.registryProperties());
        config.put(SerdeConfig.REGISTRY_URL, settings.registryUrl());
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(SerdeConfig.DESERIALIZER_SPECIFIC_VALUE_RETURN_CLASS, type.getName());

        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        serializer.configure(config, false);
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config, false);
        return Serdes.serdeFrom(serializer, DecodeFailures.asSerializationErrors(deserializer));
    }

    @Override
    public String describe() {
        return "avro via schema registry " + settings.registryUrl();
    }
}
