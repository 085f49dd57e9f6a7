package dev.seatflow.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.expiry.warning.ExpiryScanner;
import dev.seatflow.testkit.MutableClock;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** One tenant's receiver that never answers must not hold up anyone else's warnings. */
@RealServices
class TenantIsolationTest {

    private static final String SECRET = "whsec-0123456789abcdef";

    @Test
    void aBlackHoledTenantsWebhookDoesNotDelayAnotherTenantsDelivery(TestServices services) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(start);
        Database db = new Database(services.postgres());
        Instant expiry = start.plus(Duration.ofDays(40));
        UUID hangingLicense = UUID.randomUUID();
        UUID acmeLicense = UUID.randomUUID();
        try (var blackHole = new BlackHole();
             var receiver = new WebhookReceiver(SECRET);
             var events = new LicenseEvents(services.kafka().bootstrapServers(), ExpiryWarningsTest.topics(services));
             // Far longer than the test waits: only concurrency can get acme's warning out meanwhile.
             var warner = RunningWarner.start(services, clock, "--seatflow.expiry.webhook.timeout=10m")) {
            warner.configure(ChannelSettings.of("hanging").withWebhook(blackHole.url(), SECRET));
            warner.configure(ChannelSettings.of("acme").withWebhook(receiver.url(), SECRET));
            db.awaitView(hangingLicense, events.created("hanging", hangingLicense, "KEY-H", expiry, start));
            db.awaitView(acmeLicense, events.created("acme", acmeLicense, "KEY-A", expiry.plus(Duration.ofHours(1)), start));
            // The hanging tenant's warning is claimed first, so a warner sending one at a time would be stuck on it.
            clock.set(expiry.minus(Duration.ofDays(30)));
            assertThat(warner.scanner().claim()).isEqualTo(1);
            clock.set(expiry.plus(Duration.ofHours(1)).minus(Duration.ofDays(30)));

            CompletableFuture<ExpiryScanner.Result> scan = CompletableFuture.supplyAsync(warner::scan);

            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(blackHole.connections()).as("the hanging tenant's send is under way").hasSize(1);
                assertThat(receiver.deliveries()).as("acme's warning went out meanwhile").hasSize(1);
            });
            assertThat(scan).as("the hanging send still waits for an answer").isNotDone();

            blackHole.close();
            ExpiryScanner.Result result = scan.get(60, TimeUnit.SECONDS);
            assertThat(result.sent()).isEqualTo(1);
            assertThat(db.notifications()).extracting(row -> row.licenseId() + " " + row.status() + " " + row.attempts())
                    .containsExactlyInAnyOrder(hangingLicense + " claimed 1", acmeLicense + " sent 1");
        }
    }

    /** Accepts connections and never answers, like a receiver behind a firewall that drops replies. */
    private static final class BlackHole implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();

        BlackHole() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        connections.add(server.accept());
                    }
                } catch (IOException closed) {
                    // closed: the test is over
                }
            }, "black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        List<Socket> connections() {
            return connections;
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket connection : connections) {
                    connection.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
