package dev.seatflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.schemas.SampleRecords;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.evolution.ReleasedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SingleObjectAvroSerdeTest {

    private final AvroSerdeFactory serdes = AvroSerdeFactory.create(SerdeSettings.embedded());

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void roundTripsEveryRecordShape() {
        for (SpecificRecord record : SampleRecords.all()) {
            Serde serde = serdes.valueSerde(record.getClass());
            byte[] bytes = serde.serializer().serialize("t", record);
            assertThat(bytes[0]).as("single-object marker").isEqualTo((byte) 0xC3);
            assertThat(bytes[1]).isEqualTo((byte) 0x01);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(record);
        }
    }

    @Test
    void passesTombstonesThrough() {
        Serde<SeatCommand> serde = serdes.valueSerde(SeatCommand.class);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void rejectsBytesThatAreNotASingleObjectMessage() {
        Serde<SeatCommand> serde = serdes.valueSerde(SeatCommand.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2, 3, 4}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("SeatCommand");
    }

    @Test
    void readsDataWrittenWithAReleasedWriterSchema() throws IOException {
        List<Schema> released = ReleasedSchemas.load().versionsOf(TenantSettings.getClassSchema().getFullName());
        Schema v1 = released.get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("plan", new GenericData.EnumSymbol(v1.getField("plan").schema(), "PRO"));
        old.put("max_seats", 5);
        old.put("session_ttl_seconds", 120);
        old.put("seats_in_use", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);

        TenantSettings decoded = serdes.valueSerde(TenantSettings.class).deserializer().deserialize("t", out.toByteArray());

        assertThat(decoded.getMaxSeats()).isEqualTo(5);
        assertThat(decoded.getSessionTtlSeconds()).isEqualTo(120);
    }
}
