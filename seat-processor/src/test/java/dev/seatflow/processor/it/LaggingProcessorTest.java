package dev.seatflow.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.SessionState;
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
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A processor that falls behind its log (here frozen with SIGSTOP past the sessions' expiry) still
 * decides every queued command at its append time: a heartbeat sent before the expiry keeps its
 * session, however late it is read, and the session nobody kept lapses at its own expiry, through
 * a tick the processor writes to its quiet partition.
 */
@RealServices
class LaggingProcessorTest {

    private static final int TTL_SECONDS = 30;
    private static final int BACKLOG = 3_000;

    @Test
    void heartbeatsQueuedBeforeTheExpiryKeepTheirSessionsWhileTheUnkeptOneLapsesAtItsExpiry(TestServices services) throws Exception {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 1, 1);
        try (var client = new CommandClient(services.kafka().bootstrapServers(), topics);
             ServiceProcess processor = ProcessorRuntime.process(services, "lagging")) {
            client.setUpTenant("acme", 2, "KEY-1");
            client.decide(client.command("acme", new Actor("owner", Role.OWNER), new ConfigureTenant(null, null, TTL_SECONDS, null, null)));
            SessionState kept = acquire(client, "alice");
            SessionState unkept = acquire(client, "bob");

            processor.pause();
            waitUntil(kept.getStartedAt().plusSeconds(TTL_SECONDS - 8));
            // Ahead of the heartbeat, a backlog of other commands of the tenant (more than one poll's worth).
            for (int i = 0; i < BACKLOG; i++) {
                SeatCommand unknown = client.command("acme", new Actor("alice", Role.MEMBER), new Heartbeat(UUID.randomUUID()));
                unknown.setReplyPartition(-1);
                client.send(unknown);
            }
            SeatCommand heartbeat = client.command("acme", new Actor("alice", Role.MEMBER), new Heartbeat(kept.getSessionId()));
            client.send(heartbeat);
            client.flush();
            assertThat(Instant.now()).as("the heartbeat was appended before the expiry").isBefore(kept.getExpiresAt());
            waitUntil(unkept.getExpiresAt().plusSeconds(3));
            processor.resume();

            Awaitility.await().atMost(90, TimeUnit.SECONDS).until(() -> client.replies().containsKey(heartbeat.getCommandId()));
            SeatDecision extended = client.replies().get(heartbeat.getCommandId()).get(0);
            assertThat(extended.getOutcome()).isEqualTo(Outcome.EXTENDED);
            assertThat(extended.getDecidedAt()).isBefore(kept.getExpiresAt());
            assertThat(extended.getSession().getExpiresAt()).isAfter(kept.getExpiresAt());

            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> client.events().stream().anyMatch(e -> isExpiryOf(e, unkept)));
            LicenseEvent lapse = client.events().stream().filter(e -> isExpiryOf(e, unkept)).findFirst().orElseThrow();
            assertThat(lapse.getOccurredAt()).isEqualTo(unkept.getExpiresAt());
            assertThat(client.events()).noneMatch(e -> isExpiryOf(e, kept));

            SeatDecision carol = client.decide(client.command("acme", new Actor("carol", Role.MEMBER), new AcquireSeat("KEY-1", "hw-carol")));
            assertThat(carol.getOutcome()).isEqualTo(Outcome.GRANTED);
        }
    }

    private static SessionState acquire(CommandClient client, String user) {
        SeatDecision decision = client.decide(client.command("acme", new Actor(user, Role.MEMBER), new AcquireSeat("KEY-1", "hw-" + user)));
        assertThat(decision.getOutcome()).isEqualTo(Outcome.GRANTED);
        return decision.getSession();
    }

    private static boolean isExpiryOf(LicenseEvent event, SessionState session) {
        return event.getAction() == AuditAction.SESSION_EXPIRED && event.getResourceId().equals(session.getSessionId().toString());
    }

    /** Lets wall-clock time pass (the point of this test) without sleeping the thread by hand. */
    private static void waitUntil(Instant instant) {
        Duration left = Duration.between(Instant.now(), instant);
        if (!left.isNegative()) {
            Awaitility.await().pollDelay(left).atMost(left.plusSeconds(5)).until(() -> !Instant.now().isBefore(instant));
        }
    }
}
