package dev.seatflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class DecodeFailuresTest {

    @Test
    void badBytesAsARegistryDeserializerReportsThemAreUndecodableRecords() {
        Deserializer<String> registry = (topic, data) -> {
            throw new IllegalStateException("Unknown magic byte!");
        };

        assertThatThrownBy(() -> DecodeFailures.asSerializationErrors(registry).deserialize("events", new byte[] {9}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown magic byte!");
    }

    @Test
    void otherFailuresAreLeftAsTheyAreToBeRetried() {
        Deserializer<String> registryAway = (topic, data) -> {
            throw new UncheckedIOException(new java.io.IOException("connection refused"));
        };

        assertThatThrownBy(() -> DecodeFailures.asSerializationErrors(registryAway).deserialize("events", new byte[] {0}))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(DecodeFailures.asSerializationErrors((topic, data) -> "ok").deserialize("events", new byte[0])).isEqualTo("ok");
    }
}
