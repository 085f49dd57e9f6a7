package dev.seatflow.schemas.serde;

import dev.seatflow.schemas.evolution.ReleasedSchemas;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Avro single-object encoding; old writer schemas are found among the released ones. */
final class SingleObjectAvroSerdeFactory implements AvroSerdeFactory {

    private final ReleasedSchemas released = ReleasedSchemas.load();
    private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return (Serde<T>) serdes.computeIfAbsent(type, t -> new SingleObjectAvroSerde<>(type, released));
    }

    @Override
    public String describe() {
        return "avro single-object encoding (no schema registry)";
    }
}
