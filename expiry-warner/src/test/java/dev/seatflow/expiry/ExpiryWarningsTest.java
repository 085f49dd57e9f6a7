package dev.seatflow.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.expiry.delivery.EmailChannel;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.testkit.MutableClock;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The warner end to end on real Kafka and Postgres, a real webhook receiver, SMTP server and FCM stand-in. */
@RealServices
class ExpiryWarningsTest {

    private static final String SECRET = "whsec-0123456789abcdef";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(start);

    @Test
    void aLicenseCreated40DaysOutGetsThe30_7_1And0DayWarningsOnEveryChannelOnceEach(TestServices services) throws Exception {
        TopicCatalog topics = topics(services);
        Database db = new Database(services.postgres());
        try (var receiver = new WebhookReceiver(SECRET); var fcm = new LocalFcm();
             var events = new LicenseEvents(services.kafka().bootstrapServers(), topics);
             var warner = RunningWarner.start(services, clock, mailAndPush(fcm))) {
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET)
                    .withEmailRecipients(List.of("ops@acme.test", "billing@acme.test")).withFcmTopic("acme-admins"));
            UUID license = UUID.randomUUID();
            Instant expiry = start.plus(Duration.ofDays(40));
            db.awaitView(license, events.created("acme", license, "ACME-KEY-1", expiry, start));

            assertThat(warner.scan().sent()).isZero();
            List<Duration> thresholds = List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1), Duration.ZERO);
            for (int step = 0; step < thresholds.size(); step++) {
                clock.set(expiry.minus(thresholds.get(step)).minusSeconds(1));
                assertThat(warner.scan().sent()).as("a second before the threshold").isZero();
                clock.set(expiry.minus(thresholds.get(step)));
                assertThat(warner.scan().sent()).as("at the threshold: one per channel").isEqualTo(3);
                clock.advance(Duration.ofMinutes(5));
                assertThat(warner.scan().sent()).as("scanning again sends nothing").isZero();
                assertThat(receiver.deliveries()).hasSize(step + 1);
                assertThat(fcm.requests()).hasSize(step + 1);
                assertThat(MAIL.getReceivedMessages()).hasSize(2 * (step + 1));
            }
            clock.set(expiry.plus(Duration.ofHours(12)));
            assertThat(warner.scan().sent()).isZero();

            assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::threshold).containsExactly("P30D", "P7D", "P1D", "PT0S");
            assertThat(receiver.deliveries()).allSatisfy(delivery -> {
                assertThat(delivery.signatureValid()).as(delivery.signatureHeader()).isTrue();
                assertThat(delivery.json()).containsEntry("license_id", license.toString()).containsEntry("tenant_id", "acme")
                        .containsEntry("expiry_date", expiry.toString()).containsEntry("channel", "webhook")
                        .containsEntry("id", delivery.idempotencyKey());
            });
            assertThat(fcm.requests()).extracting(request -> request.data().get("threshold")).containsExactly("P30D", "P7D", "P1D", "PT0S");
            assertThat(fcm.requests()).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/v1/projects/demo-seatflow/messages:send");
                assertThat(request.message()).as("acme's topic, in acme's namespace").containsEntry("topic", "t.acme.acme-admins");
            });
            MimeMessage first = MAIL.getReceivedMessages()[0];
            assertThat(first.getAllRecipients()).extracting(Object::toString).containsExactlyInAnyOrder("ops@acme.test", "billing@acme.test");
            MimeMultipart alternatives = (MimeMultipart) first.getContent();
            assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
            assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
            assertThat((String) alternatives.getBodyPart(1).getContent()).contains("<p>The license ACME-KEY-1");
            assertThat(MAIL.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                    "License ACME-KEY-1 expires within 30 days", "License ACME-KEY-1 expires within 30 days",
                    "License ACME-KEY-1 expires within 7 days", "License ACME-KEY-1 expires within 7 days",
                    "License ACME-KEY-1 expires within 1 day", "License ACME-KEY-1 expires within 1 day",
                    "License ACME-KEY-1 has expired", "License ACME-KEY-1 has expired");

            List<Database.Notification> rows = db.notifications();
            assertThat(rows).hasSize(12).allSatisfy(row -> {
                assertThat(row.status()).isEqualTo("sent");
                assertThat(row.recorded()).as("EXPIRY_WARNING_SENT command published").isTrue();
            });
            List<String> emailIds = rows.stream().filter(row -> row.channel().equals("email")).map(row -> row.id().toString()).toList();
            assertThat(MAIL.getReceivedMessages()).extracting(message -> message.getHeader(EmailChannel.IDEMPOTENCY_HEADER)[0])
                    .containsOnlyElementsOf(emailIds);
            assertThat(warner.metrics().count("webhook", "sent")).isEqualTo(4);
            assertThat(warner.metrics().count("email", "sent")).isEqualTo(4);
            assertThat(warner.metrics().count("push", "sent")).isEqualTo(4);
        }
    }

    @Test
    void aDeactivatedOrDeletedLicenseGetsNoWarnings(TestServices services) {
        TopicCatalog topics = topics(services);
        Database db = new Database(services.postgres());
        try (var receiver = new WebhookReceiver(SECRET);
             var events = new LicenseEvents(services.kafka().bootstrapServers(), topics);
             var warner = RunningWarner.start(services, clock)) {
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET));
            Instant expiry = start.plus(Duration.ofDays(40));
            UUID deactivated = UUID.randomUUID();
            UUID deleted = UUID.randomUUID();
            UUID live = UUID.randomUUID();
            events.created("acme", deactivated, "KEY-DEACTIVATED", expiry, start);
            events.created("acme", deleted, "KEY-DELETED", expiry, start);
            events.created("acme", live, "KEY-LIVE", expiry, start);
            events.deactivated("acme", deactivated, start.plusSeconds(1));
            db.awaitView(deleted, events.deleted("acme", deleted, start.plusSeconds(2)));

            for (Duration threshold : List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1), Duration.ZERO)) {
                clock.set(expiry.minus(threshold));
                warner.scan();
            }

            assertThat(receiver.deliveries()).hasSize(4).allSatisfy(delivery ->
                    assertThat(delivery.json()).containsEntry("license_id", live.toString()));
            assertThat(db.notifications()).extracting(Database.Notification::licenseId).containsOnly(live);
        }
    }

    @Test
    void anExtendedExpiryReArmsOnlyTheThresholdsStillAhead(TestServices services) {
        TopicCatalog topics = topics(services);
        Database db = new Database(services.postgres());
        try (var receiver = new WebhookReceiver(SECRET);
             var events = new LicenseEvents(services.kafka().bootstrapServers(), topics);
             var warner = RunningWarner.start(services, clock)) {
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET));
            UUID license = UUID.randomUUID();
            Instant expiry = start.plus(Duration.ofDays(40));
            db.awaitView(license, events.created("acme", license, "KEY-1", expiry, start));
            clock.set(expiry.minus(Duration.ofDays(30)));
            assertThat(warner.scan().sent()).isEqualTo(1);

            Instant extended = expiry.plus(Duration.ofDays(60));
            db.awaitView(license, events.extended("acme", license, extended, clock.instant()));
            assertThat(warner.scan().sent()).as("the new date's thresholds are all still ahead").isZero();
            clock.set(expiry.minus(Duration.ofDays(7)));
            assertThat(warner.scan().sent()).as("the old date's 7-day threshold no longer applies").isZero();
            clock.set(extended.minus(Duration.ofDays(30)));
            assertThat(warner.scan().sent()).as("the new 30-day warning, when due").isEqualTo(1);
            clock.set(extended.minus(Duration.ofDays(7)));
            assertThat(warner.scan().sent()).isEqualTo(1);

            assertThat(receiver.deliveries()).extracting(delivery -> delivery.json().get("expiry_date") + " " + delivery.threshold())
                    .containsExactly(expiry + " P30D", extended + " P30D", extended + " P7D");
        }
    }

    @Test
    void aFailingWebhookBacksOffAndEndsDeadAfterTheLimitVisibleAsADeadLetter(TestServices services) {
        TopicCatalog topics = topics(services);
        Database db = new Database(services.postgres());
        try (var receiver = new WebhookReceiver(SECRET);
             var events = new LicenseEvents(services.kafka().bootstrapServers(), topics);
             var warner = RunningWarner.start(services, clock, "--seatflow.expiry.max-attempts=3",
                     "--seatflow.expiry.backoff.base=10s", "--seatflow.expiry.backoff.cap=15s")) {
            receiver.answer(500);
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET));
            UUID license = UUID.randomUUID();
            Instant expiry = start.plus(Duration.ofDays(40));
            db.awaitView(license, events.created("acme", license, "KEY-1", expiry, start));

            clock.set(expiry.minus(Duration.ofDays(30)));
            warner.scan();
            assertThat(receiver.deliveries()).hasSize(1);
            clock.advance(Duration.ofSeconds(4));
            warner.scan();
            assertThat(receiver.deliveries()).as("backing off: at least half of 10 s").hasSize(1);
            clock.advance(Duration.ofSeconds(6));
            warner.scan();
            assertThat(receiver.deliveries()).as("retried within 10 s").hasSize(2);
            clock.advance(Duration.ofSeconds(15));
            warner.scan();
            assertThat(receiver.deliveries()).as("retried within the 15 s cap").hasSize(3);
            clock.advance(Duration.ofHours(2));
            warner.scan();
            assertThat(receiver.deliveries()).as("dead after 3 attempts").hasSize(3);
            assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::idempotencyKey).containsOnly(receiver.deliveries().get(0).idempotencyKey());

            assertThat(db.notifications()).singleElement().satisfies(row -> {
                assertThat(row.status()).isEqualTo("dead");
                assertThat(row.attempts()).isEqualTo(3);
            });
            assertThat(warner.metrics().count("webhook", "failed")).isEqualTo(2);
            assertThat(warner.metrics().count("webhook", "dead")).isEqualTo(1);
            // An operator endpoint: on the management port only.
            warner.client().get().uri("/expiry/dead-letters?tenant_id=acme").exchange().expectStatus().isNotFound();
            warner.managementClient().get().uri("/expiry/dead-letters?tenant_id=acme").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.length()").isEqualTo(1)
                    .jsonPath("$[0].license_id").isEqualTo(license.toString())
                    .jsonPath("$[0].threshold").isEqualTo("P30D")
                    .jsonPath("$[0].channel").isEqualTo("webhook")
                    .jsonPath("$[0].attempts").isEqualTo(3)
                    .jsonPath("$[0].last_error").isEqualTo("webhook answered HTTP 500");
            // The management port's health shows the last background check: the dead letter appears within one check
            // interval. The public probe says only UP.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> warner.managementClient().get().uri("/health").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.components.expiry.details.deadLetters").isEqualTo(1));
            warner.client().get().uri("/readyz").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        }
    }

    @Test
    void aTenantsOwnThresholdsReplaceTheDefaults(TestServices services) {
        TopicCatalog topics = topics(services);
        Database db = new Database(services.postgres());
        try (var receiver = new WebhookReceiver(SECRET);
             var events = new LicenseEvents(services.kafka().bootstrapServers(), topics);
             var warner = RunningWarner.start(services, clock)) {
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET)
                    .withThresholds(List.of(Duration.ofDays(14), Duration.ofHours(12))));
            UUID license = UUID.randomUUID();
            Instant expiry = start.plus(Duration.ofDays(40));
            db.awaitView(license, events.created("acme", license, "KEY-1", expiry, start));

            for (Duration moment : List.of(Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(7), Duration.ofHours(12), Duration.ZERO)) {
                clock.set(expiry.minus(moment));
                warner.scan();
            }

            assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::threshold).containsExactly("P14D", "PT12H");
        }
    }

    @Test
    void afterDowntimeOnlyTheMostImminentDueWarningGoesOutAndLongExpiredLicensesStaySilent(TestServices services) {
        TopicCatalog topics = topics(services);
        Database db = new Database(services.postgres());
        try (var receiver = new WebhookReceiver(SECRET);
             var events = new LicenseEvents(services.kafka().bootstrapServers(), topics);
             var warner = RunningWarner.start(services, clock)) {
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET));
            Instant longAgo = start.minus(Duration.ofDays(90));
            UUID inTwoDays = UUID.randomUUID();
            UUID expiredWithinGrace = UUID.randomUUID();
            UUID expiredLongAgo = UUID.randomUUID();
            events.created("acme", inTwoDays, "KEY-2D", start.plus(Duration.ofDays(2)), longAgo);
            events.created("acme", expiredWithinGrace, "KEY-GRACE", start.minus(Duration.ofHours(12)), longAgo);
            db.awaitView(expiredLongAgo, events.created("acme", expiredLongAgo, "KEY-OLD", start.minus(Duration.ofDays(3)), longAgo));

            assertThat(warner.scan().sent()).isEqualTo(2);

            assertThat(receiver.deliveries()).extracting(delivery -> delivery.json().get("license_id") + " " + delivery.threshold())
                    .containsExactlyInAnyOrder(inTwoDays + " P7D", expiredWithinGrace + " PT0S");
        }
    }

    static TopicCatalog topics(TestServices services) {
        return services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 3, 1);
    }

    private static String[] mailAndPush(LocalFcm fcm) {
        return new String[] {"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + MAIL.getSmtp().getPort(),
                "--seatflow.expiry.fcm.enabled=true", "--seatflow.expiry.fcm.project-id=demo-seatflow",
                "--seatflow.expiry.fcm.endpoint=" + fcm.endpoint()};
    }
}
