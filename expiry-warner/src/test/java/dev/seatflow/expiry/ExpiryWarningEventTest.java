package dev.seatflow.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.ExpiryWarningDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.testkit.CommandClient;
import dev.seatflow.testkit.MutableClock;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.ServiceArguments;
import dev.seatflow.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** With the real seat processor: a sent warning joins the tenant's event stream once, however often it is published. */
@RealServices
class ExpiryWarningEventTest {

    @Test
    void aSentWarningBecomesOneExpiryWarningSentEventEvenWhenPublishedTwice(TestServices services) throws Exception {
        var topics = ExpiryWarningsTest.topics(services);
        Database db = new Database(services.postgres());
        Instant expiry = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.MILLIS);
        MutableClock clock = new MutableClock(Instant.now());
        UUID license = UUID.randomUUID();
        try (ConfigurableApplicationContext processor = SeatProcessorApplication.application()
                     .run(ServiceArguments.processor(services, "expiry").toArray(String[]::new));
             var client = new CommandClient(services.kafka().bootstrapServers(), topics);
             var receiver = new WebhookReceiver("whsec-0123456789abcdef");
             var warner = RunningWarner.start(services, clock, "--seatflow.expiry.check-interval=200ms")) {
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), receiver.secret()));
            client.decide(client.command("acme", new Actor("owner", Role.OWNER), new ConfigureTenant(Plan.PRO, null, null, null, null)));
            assertThat(client.decide(client.command("acme", new Actor("admin", Role.ADMIN),
                    new CreateLicense(license, "KEY-1", Tier.PRO, List.of(), expiry, 0))).getOutcome()).isEqualTo(Outcome.CREATED);
            db.awaitView(license, 1);

            clock.set(expiry.minus(Duration.ofDays(30)));
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> warningEvents(client).size() == 1);
            ExpiryWarningDetails details = (ExpiryWarningDetails) warningEvents(client).get(0).getDetails();
            assertThat(details.getLicenseId()).isEqualTo(license);
            assertThat(details.getThreshold()).isEqualTo("P30D");
            assertThat(details.getChannel()).isEqualTo("webhook");
            assertThat(details.getExpiryDate()).isEqualTo(expiry);
            assertThat(warningEvents(client).get(0).getActor().getRole()).isEqualTo(Role.SYSTEM);
            assertThat(receiver.deliveries()).hasSize(1);
            long warningSequence = warningEvents(client).get(0).getSequence();

            // Published again (a crash before the acknowledgement was stored): the processor knows the command id.
            db.execute("UPDATE expiry_notifications SET recorded_at = NULL");
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() ->
                    db.number("SELECT count(*) FROM expiry_notifications WHERE recorded_at IS NOT NULL") == 1);
            // A later command of the tenant is decided after the repeat, so by then the repeat was seen.
            client.decide(client.command("acme", new Actor("owner", Role.OWNER), new ConfigureTenant(Plan.ENTERPRISE, 9, null, null, null)));
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() ->
                    client.events().stream().anyMatch(event -> event.getAction() == AuditAction.TENANT_CONFIGURED && event.getSequence() > warningSequence));
            assertThat(warningEvents(client)).hasSize(1);
            assertThat(receiver.deliveries()).hasSize(1);
        }
    }

    private static List<LicenseEvent> warningEvents(CommandClient client) {
        return client.events().stream().filter(event -> event.getAction() == AuditAction.EXPIRY_WARNING_SENT).toList();
    }
}
