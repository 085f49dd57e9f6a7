package dev.seatflow.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.testkit.CommandClient;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.ServiceProcess;
import dev.seatflow.testkit.TestServices;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@RealServices
class CrashRecoveryTest {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryTest.class);

    @Test
    void aProcessorKilledMidStreamLosesAndDuplicatesNothingAfterRestart(TestServices services) throws Exception {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 1);
        try (var client = new CommandClient(services.kafka().bootstrapServers(), topics)) {
            ServiceProcess first = ProcessorRuntime.process(services, "first");
            List<SeatCommand> acquires;
            try {
                client.setUpTenant("acme", 10, "KEY-1");
                acquires = IntStream.range(0, 300)
                        .mapToObj(i -> client.command("acme", new Actor("user-" + i, Role.MEMBER), new AcquireSeat("KEY-1", "hw-" + i)))
                        .toList();
                Thread sender = new Thread(() -> acquires.forEach(command -> {
                    client.send(command);
                    client.flush();
                }), "acquire-sender");
                sender.start();
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> client.replies().size() >= 60);
                first.kill();
                log.info("killed the first processor after {} replies", client.replies().size());
                sender.join();
            } finally {
                first.close();
            }

            try (ServiceProcess second = ProcessorRuntime.process(services, "second")) {
                Awaitility.await().atMost(90, TimeUnit.SECONDS).until(() ->
                        acquires.stream().allMatch(command -> client.replies().containsKey(command.getCommandId())));

                assertThat(acquires).allSatisfy(command ->
                        assertThat(client.replies().get(command.getCommandId())).as("committed replies to one command").hasSize(1));
                Map<Outcome, Long> outcomes = acquires.stream()
                        .map(command -> client.replies().get(command.getCommandId()).get(0).getOutcome())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(outcomes).containsOnly(Map.entry(Outcome.GRANTED, 10L), Map.entry(Outcome.SEATS_EXHAUSTED, 290L));

                // The seat count survived the crash: releasing every granted seat frees exactly ten.
                List<SeatDecision> granted = acquires.stream().map(c -> client.replies().get(c.getCommandId()).get(0))
                        .filter(d -> d.getOutcome() == Outcome.GRANTED).toList();
                for (SeatDecision decision : granted) {
                    SeatDecision released = client.decide(client.command("acme", new Actor(decision.getSession().getUserId(), Role.MEMBER),
                            new ReleaseSeat(decision.getSession().getSessionId())));
                    assertThat(released.getOutcome()).isEqualTo(Outcome.RELEASED);
                }
                assertThat(client.decide(client.command("acme", new Actor("late", Role.MEMBER), new AcquireSeat("KEY-1", "hw-late")))
                        .getSession().getSessionId()).isNotNull();

                long expectedEvents = 2 + 300 + 10 + 1;
                Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> client.events().size() >= expectedEvents);
                List<LicenseEvent> events = client.events();
                assertThat(events).extracting(LicenseEvent::getSequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, expectedEvents).boxed().toList());
                assertThat(events).extracting(LicenseEvent::getEventId).doesNotHaveDuplicates();
                assertThat(events).filteredOn(e -> e.getAction() == AuditAction.LICENSE_ACQUIRED).hasSize(11);
                assertThat(events).filteredOn(e -> e.getAction() == AuditAction.LICENSE_ACQUISITION_FAILED).hasSize(290);
            }
        }
    }
}
