package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void sendsUndecodableCommandsToTheDeadLetterTopicAndGoesOn() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

        harness.sendRaw("acme", garbage);

        assertThat(harness.newDeadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("acme");
            assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                    .startsWith("undecodable");
        });
        assertThat(harness.newReplies()).isEmpty();
        assertThat(harness.meters.get("seatflow.commands.dead_lettered").tag("reason", "undecodable").counter().count()).isEqualTo(1);

        harness.createLicense("acme", "KEY-1");
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-1").getOutcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void sendsACommandWhoseTenantDiffersFromItsKeyToTheDeadLetterTopic() {
        SeatCommand command = harness.command("acme", SeatTopologyHarness.member("alice"), new AcquireSeat("KEY-1", "hw-1"));
        byte[] bytes = AvroSerdeFactory.create(SerdeSettings.embedded()).valueSerde(SeatCommand.class).serializer().serialize("t", command);

        harness.sendRaw("globex", bytes);

        assertThat(harness.newDeadLetters()).singleElement().satisfies(letter ->
                assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                        .startsWith("tenant"));
        assertThat(harness.tenant("acme")).isNull();
        assertThat(harness.tenant("globex")).isNull();
    }
}
