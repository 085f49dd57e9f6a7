package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.processor.decision.DecisionContext;
import dev.seatflow.processor.decision.Decider;
import dev.seatflow.processor.decision.SeatDecider;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A decision applies all of its writes, events and reply, or nothing; what throws never stalls the task. */
class AtomicDecisionTest {

    /** Hardware id that makes the faulty decider throw after the real decision wrote everything. */
    private static final String EXPLODING = "hw-explodes";

    private final FaultyDecider decider = new FaultyDecider();
    private final SeatTopologyHarness harness = new SeatTopologyHarness(decider, DecisionPolicy.defaults());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aDecisionThatThrowsAfterWritingLeavesNoTraceAndConsumesNoSequence() {
        harness.configure("acme", Plan.PRO, null, null);
        harness.createLicense("acme", "KEY-1");
        harness.acquire("acme", "alice", "KEY-1", "hw-1");
        harness.newEvents();
        harness.advance(Duration.ofSeconds(1));
        Map<String, Map<String, Object>> before = harness.stores();

        harness.sendRaw("acme", serialized(harness.command("acme", SeatTopologyHarness.member("bob"), new AcquireSeat("KEY-1", EXPLODING))));

        assertThat(harness.newReplies()).isEmpty();
        assertThat(harness.newEvents()).isEmpty();
        assertThat(harness.newHeartbeats()).isEmpty();
        assertThat(harness.newDeadLetters()).singleElement().satisfies(letter -> assertThat(header(letter.headers(), DeadLetters.REASON_HEADER))
                .startsWith("failed: java.lang.IllegalStateException: injected"));
        assertThat(harness.meters.get("seatflow.commands.dead_lettered").tag("reason", "failed").counter().count()).isEqualTo(1);
        Map<String, Map<String, Object>> after = harness.stores();
        // Only the log's time moved: every record moves it, the one that failed too.
        assertThat(after.get(SeatTopology.CLOCK_STORE)).containsExactly(Map.entry("log-time", harness.now().toEpochMilli()));
        after.remove(SeatTopology.CLOCK_STORE);
        before.remove(SeatTopology.CLOCK_STORE);
        assertThat(after).isEqualTo(before);

        SeatDecision next = harness.acquire("acme", "carol", "KEY-1", "hw-3");
        assertThat(next.getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(2);
        assertThat(harness.newEvents()).singleElement().extracting(LicenseEvent::getSequence).isEqualTo(4L);
    }

    @Test
    void aTimerThatThrowsIsDeadLetteredAndEveryOtherTenantOfTheTaskKeepsBeingDecided() {
        harness.createLicense("acme", "KEY-1");
        harness.createLicense("globex", "KEY-G");
        UUID poisoned = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        decider.poisonTimerOf(poisoned);
        harness.acquire("globex", "gina", "KEY-G", "hw-9");
        harness.newEvents();

        harness.advance(Duration.ofSeconds(361));

        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getTenantId()).isEqualTo("globex");
            assertThat(event.getAction()).isEqualTo(AuditAction.SESSION_EXPIRED);
        });
        assertThat(harness.newDeadLetters()).singleElement().satisfies(letter -> {
            assertThat(header(letter.headers(), DeadLetters.SOURCE_HEADER)).isEqualTo("timer");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).endsWith("|acme|LAPSE|" + poisoned);
        });
        assertThat(harness.meters.get("seatflow.commands.dead_lettered").tag("reason", "timer-failed").counter().count()).isEqualTo(1);
        assertThat(harness.timerKeys()).noneMatch(key -> key.endsWith("|LAPSE|" + poisoned));
        assertThat(harness.acquire("globex", "hank", "KEY-G", "hw-8").getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(harness.acquire("acme", "bob", "KEY-1", "hw-2").getOutcome()).isNotNull();
    }

    private static byte[] serialized(SeatCommand command) {
        return new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded())).commands().valueSerde().serializer().serialize("t", command);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The platform's decider, and a fault on demand once it has made all its writes. */
    private static final class FaultyDecider implements Decider {

        private final SeatDecider real = new SeatDecider();
        private volatile UUID poisonedSession;

        void poisonTimerOf(UUID session) {
            poisonedSession = session;
        }

        @Override
        public SeatDecision decide(DecisionContext context, Object payload) {
            SeatDecision decision = real.decide(context, payload);
            if (payload instanceof AcquireSeat acquire && acquire.getHardwareId().equals(EXPLODING)) {
                assertThat(decision.getOutcome()).isEqualTo(Outcome.GRANTED);
                throw new IllegalStateException("injected after the decision wrote its session, seat count, timer and event");
            }
            return decision;
        }

        @Override
        public void onTimer(DecisionContext context, Timer timer) {
            real.onTimer(context, timer);
            if (timer.kind() == Timer.Kind.LAPSE && timer.id().equals(String.valueOf(poisonedSession))) {
                throw new IllegalStateException("injected after the timer ended the session");
            }
        }
    }
}
