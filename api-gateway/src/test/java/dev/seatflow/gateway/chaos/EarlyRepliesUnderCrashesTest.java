package dev.seatflow.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.auditlog.AuditSchema;
import dev.seatflow.expiry.schema.ExpirySchema;
import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.chaos.SeatTraffic.Answer;
import dev.seatflow.gateway.chaos.SeatTraffic.Client;
import dev.seatflow.gateway.security.LocalTokenIssuer;
import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.event.AcquisitionFailedDetails;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.FailureReason;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionDetails;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.ServiceArguments;
import dev.seatflow.testkit.ServiceProcess;
import dev.seatflow.testkit.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Early replies under crashes: clients of three tenants acquire, heartbeat and release through the
 * real gateway (answering from uncommitted replies) while two seat processor JVMs are SIGKILLed and
 * restarted in turn (and once both at once). Every answer a client got must be what the committed
 * log says. {@code -Dseatflow.chaos.duration=PT60S} runs it longer (the CI run is shorter).
 */
@RealServices
class EarlyRepliesUnderCrashesTest {

    private static final Logger log = LoggerFactory.getLogger(EarlyRepliesUnderCrashesTest.class);
    private static final Duration DURATION = Duration.parse(System.getProperty("seatflow.chaos.duration", "PT24S"));
    private static final Duration KILL_EVERY = Duration.parse(System.getProperty("seatflow.chaos.kill-every", "PT8S"));
    private static final int TENANTS = 3;
    private static final int USERS = 6;
    private static final int SEATS = 4;
    private static final Duration TICK = Duration.ofMillis(40);

    @Test
    void everyAnswerGivenBeforeTheCommitIsWhatTheCommittedLogSaysWhileProcessorsCrash(TestServices shared) throws Exception {
        // Its processors are killed: on the platform's namespace they would join the shared
        // processor's groups and leave dead members behind that stall the tests after this one.
        try (TestServices services = shared.isolated()) {
            crashProcessorsWhileClientsRun(services);
        }
    }

    private static void crashProcessorsWhileClientsRun(TestServices services) throws Exception {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 2);
        PostgresService postgres = services.postgres();
        AuditSchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        ExpirySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        ServiceProcess[] processors = {processor(services, "a"), processor(services, "b")};
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(services)) {
            String url = "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();
            LocalTokenIssuer issuer = gateway.getBean(LocalTokenIssuer.class);
            SeatTraffic traffic = new SeatTraffic(url, TenantSetup.create(url, issuer, TENANTS, SEATS));
            List<Client> clients = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                for (int u = 0; u < USERS; u++) {
                    String tenant = TenantSetup.tenant(t);
                    clients.add(new Client(tenant, "user-" + u, issuer.mint(tenant, "user-" + u, Role.MEMBER, Instant.now(), Duration.ofHours(1))));
                }
            }

            int kills = run(traffic, clients, processors, services);
            traffic.drain();
            MeterRegistry meters = gateway.getBean(MeterRegistry.class);
            report(traffic.answers(), meters, kills);

            assertThat(meters.get("seatflow.gateway.replies.divergent").counter().count()).isZero();
            // An answer given from an aborted transaction is committed only once a restarted processor
            // has restored its tasks and decided the command again, which may take a while after the
            // last kill: read the committed log until it holds every answer (or the wait fails with
            // the assertion's own message).
            AtomicReference<CommittedLog> committed = new AtomicReference<>();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                committed.set(CommittedLog.read(services.kafka().bootstrapServers(), topics));
                assertEveryAnswerIsCommitted(traffic.answers(), committed.get());
            });
            assertNoTenantAboveItsCap(committed.get());
            assertRetriesOfOneCommandGotOneAnswer(traffic.answers());
        } finally {
            for (ServiceProcess processor : processors) {
                processor.close();
            }
        }
    }

    /** Traffic at a steady pace for the duration, killing a processor every so often; returns how many kills. */
    private static int run(SeatTraffic traffic, List<Client> clients, ServiceProcess[] processors, TestServices services) throws Exception {
        Random random = new Random(42);
        Instant end = Instant.now().plus(DURATION);
        Instant nextKill = Instant.now().plus(KILL_EVERY);
        int kills = 0;
        while (Instant.now().isBefore(end)) {
            traffic.next(clients.get(random.nextInt(clients.size())), random);
            if (Instant.now().isAfter(nextKill)) {
                kills++;
                boolean both = kills == 2;
                for (int i = 0; i < processors.length; i++) {
                    if (both || i == kills % 2) {
                        processors[i].kill();
                        processors[i] = processor(services, (i == 0 ? "a" : "b"));
                    }
                }
                log.info("chaos: killed and restarted {} processor(s)", both ? 2 : 1);
                nextKill = Instant.now().plus(KILL_EVERY);
            }
            Awaitility.await().pollDelay(TICK).until(() -> true);
        }
        return kills;
    }

    private static ServiceProcess processor(TestServices services, String instance) {
        List<String> args = ServiceArguments.processor(services, "chaos-" + instance);
        // The shortest session the broker allows (group.min.session.timeout.ms): a killed instance's tenants move on soon.
        args.add("--seatflow.processor.session-timeout=6s");
        return ServiceProcess.start(services, "processor-chaos-" + instance + "-" + System.nanoTime(),
                SeatProcessorApplication.class.getName(), args);
    }

    private static void assertEveryAnswerIsCommitted(List<Answer> answers, CommittedLog committed) {
        for (Answer answer : answers) {
            String what = answer.operation() + " " + answer.status() + " " + answer.body();
            switch (answer.operation() + " " + answer.status()) {
                case "acquire 201" -> assertThat(committed.event(answer.commandId(), AuditAction.LICENSE_ACQUIRED))
                        .as(what).hasValueSatisfying(event -> assertThat(event.getResourceId()).isEqualTo(answer.body().get("id")));
                case "acquire 409" -> assertThat(committed.event(answer.commandId(), AuditAction.LICENSE_ACQUISITION_FAILED))
                        .as(what).hasValueSatisfying(event ->
                                assertThat(((AcquisitionFailedDetails) event.getDetails()).getReason()).isEqualTo(FailureReason.SEATS_EXHAUSTED));
                case "heartbeat 200" -> {
                    String session = (String) answer.body().get("id");
                    Instant at = Instant.parse((String) answer.body().get("last_heartbeat_at"));
                    assertThat(committed.heartbeatRecorded(session, at)).as(what).isTrue();
                    assertThat(committed.started(session)).as(what).hasValueSatisfying(start -> assertThat(start.getOccurredAt()).isBefore(at));
                    committed.ended(session).ifPresent(end -> assertThat(end.getOccurredAt()).as(what).isAfter(at));
                }
                case "release 200" -> {
                    if ("License released successfully".equals(answer.body().get("message"))) {
                        assertThat(committed.event(answer.commandId(), AuditAction.LICENSE_RELEASED)).as(what).isPresent();
                    }
                }
                default -> assertThat(answer.status()).as(what).isIn(200, 404, 410, 503);
            }
        }
    }

    private static void assertNoTenantAboveItsCap(CommittedLog committed) {
        Map<String, List<LicenseEvent>> byTenant = committed.events.stream().collect(Collectors.groupingBy(LicenseEvent::getTenantId));
        byTenant.forEach((tenant, events) -> {
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).getSequence()).as("gap-free sequence of %s", tenant).isEqualTo(i + 1L);
                if (events.get(i).getDetails() instanceof SessionDetails details) {
                    assertThat(details.getSeatsInUse()).as("seats in use in %s", tenant).isLessThanOrEqualTo(SEATS);
                }
            }
        });
    }

    private static void assertRetriesOfOneCommandGotOneAnswer(List<Answer> answers) {
        Map<String, List<Answer>> byCommand = answers.stream().filter(a -> a.status() != 503)
                .collect(Collectors.groupingBy(a -> a.commandId().toString()));
        byCommand.forEach((command, given) -> assertThat(given.stream().map(a -> a.status() + " " + a.body().get("id")).distinct())
                .as("answers to command %s", command).hasSize(1));
    }

    private static void report(List<Answer> answers, MeterRegistry meters, int kills) {
        Map<String, Long> byStatus = new HashMap<>();
        answers.forEach(a -> byStatus.merge(a.operation() + " " + a.status(), 1L, Long::sum));
        log.info("chaos run: {} answers in {} with {} kills: {}; replies early-confirmed {}, replayed {}, other version {}, divergent {}",
                answers.size(), DURATION, kills, byStatus,
                meters.get("seatflow.gateway.replies.confirmed").counter().count(),
                meters.get("seatflow.gateway.replies.replayed").counter().count(),
                meters.get("seatflow.gateway.replies.other_version").counter().count(),
                meters.get("seatflow.gateway.replies.divergent").counter().count());
    }
}
