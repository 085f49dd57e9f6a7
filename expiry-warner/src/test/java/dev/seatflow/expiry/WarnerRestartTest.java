package dev.seatflow.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.testkit.MutableClock;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A warner that stops between claiming a warning and sending it: the next one sends it, once, with the same id. */
@RealServices
class WarnerRestartTest {

    private static final String SECRET = "whsec-0123456789abcdef";

    @Test
    void aWarningClaimedBeforeARestartIsSentOnceWithTheSameIdempotencyId(TestServices services) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(start);
        Database db = new Database(services.postgres());
        UUID license = UUID.randomUUID();
        Instant expiry = start.plus(Duration.ofDays(40));
        try (var receiver = new WebhookReceiver(SECRET);
             var events = new LicenseEvents(services.kafka().bootstrapServers(), ExpiryWarningsTest.topics(services))) {
            try (var first = RunningWarner.start(services, clock)) {
                first.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET));
                db.awaitView(license, events.created("acme", license, "KEY-1", expiry, start));
                clock.set(expiry.minus(Duration.ofDays(7)));
                assertThat(first.scanner().claim()).isEqualTo(1);
            }
            Database.Notification claimed = db.notifications().get(0);
            assertThat(claimed.status()).isEqualTo("claimed");
            assertThat(receiver.deliveries()).isEmpty();

            clock.advance(Duration.ofMinutes(1));
            try (var second = RunningWarner.start(services, clock)) {
                assertThat(second.scan().sent()).isEqualTo(1);
                assertThat(second.scan().sent()).isZero();
                assertThat(receiver.deliveries()).singleElement().satisfies(delivery -> {
                    assertThat(delivery.idempotencyKey()).isEqualTo(claimed.id().toString());
                    assertThat(delivery.threshold()).isEqualTo("P7D");
                });

                // The send went out but the warner died before marking it: the same id goes out again, and no other.
                db.execute("UPDATE expiry_notifications SET status = 'claimed', sent_at = NULL, recorded_at = NULL");
                assertThat(second.scan().sent()).as("still leased to the send in flight").isZero();
                clock.advance(Duration.ofMinutes(5));
                assertThat(second.scan().sent()).isEqualTo(1);
                clock.advance(Duration.ofHours(1));
                assertThat(second.scan().sent()).isZero();
            }
            assertThat(receiver.deliveries()).hasSize(2).extracting(WebhookReceiver.Delivery::idempotencyKey)
                    .containsOnly(claimed.id().toString());
            assertThat(db.notifications()).singleElement().extracting(Database.Notification::status).isEqualTo("sent");
        }
    }

    @Test
    void aSendInFlightWhenTheWarnerStoppedIsRetriedAfterItsLease(TestServices services) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(start);
        Database db = new Database(services.postgres());
        UUID license = UUID.randomUUID();
        Instant expiry = start.plus(Duration.ofDays(40));
        try (var receiver = new WebhookReceiver(SECRET);
             var events = new LicenseEvents(services.kafka().bootstrapServers(), ExpiryWarningsTest.topics(services));
             var warner = RunningWarner.start(services, clock, "--seatflow.expiry.lease=2m")) {
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET));
            db.awaitView(license, events.created("acme", license, "KEY-1", expiry, start));
            clock.set(expiry.minus(Duration.ofDays(30)));
            assertThat(warner.scanner().claim()).isEqualTo(1);
            // What a warner leaves behind when it dies mid-send: the claim, leased until now + lease.
            db.execute("UPDATE expiry_notifications SET next_attempt_at = next_attempt_at + interval '2 minutes'");

            assertThat(warner.scan().sent()).as("leased to the send in flight").isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(warner.scan().sent()).isEqualTo(1);
            assertThat(receiver.deliveries()).singleElement().extracting(WebhookReceiver.Delivery::idempotencyKey)
                    .isEqualTo(db.notifications().get(0).id().toString());
        }
    }
}
