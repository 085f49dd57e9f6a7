package dev.seatflow.expiry.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.expiry.webhook.HostResolver;
import dev.seatflow.expiry.webhook.WebhookAllowList;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook channel against a real HTTP server on loopback, with DNS played by the test. */
class WebhookChannelTest {

    private static final String SECRET = "whsec-0123456789abcdef";
    private static final WebhookAllowList LOOPBACK = WebhookAllowList.parse(List.of("127.0.0.0/8"));

    private record Request(String host, String path, String idempotencyKey, String signature) {
    }

    private HttpServer receiver;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final WebhookHttpClient http = new WebhookHttpClient(Duration.ofSeconds(5), 4, defaultTls());

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("Seatflow-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        http.close();
        receiver.stop(0);
    }

    /** DNS that first answers {@code first}, and {@code later} from then on (a rebinding attacker's DNS). */
    private HostResolver rebinding(String name, String first, String later) {
        return host -> {
            if (!host.equals(name)) {
                throw new UnknownHostException(host);
            }
            String address = lookups.getAndIncrement() == 0 ? first : later;
            return List.of(InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress()));
        };
    }

    private WebhookChannel channel(HostResolver dns, WebhookAllowList allowed) {
        return new WebhookChannel(new WebhookTargetPolicy(true, allowed, dns), http);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String url(String host) {
        return "http://" + host + ":" + receiver.getAddress().getPort() + "/hooks/seatflow?tenant=acme";
    }

    @Test
    void connectsToTheAddressItCheckedWithTheUrlsHostName() throws Exception {
        // hooks.acme.test is in no real DNS: the request can only reach the receiver through the checked address.
        WebhookChannel channel = channel(rebinding("hooks.acme.test", "127.0.0.1", "169.254.169.254"), LOOPBACK);
        Warning warning = warning(url("hooks.acme.test"));

        channel.send(warning);

        assertThat(lookups).as("resolved once, for the check and the connection together").hasValue(1);
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.host()).isEqualTo("hooks.acme.test:" + receiver.getAddress().getPort());
            assertThat(request.path()).isEqualTo("/hooks/seatflow?tenant=acme");
            assertThat(request.idempotencyKey()).isEqualTo(warning.id().toString());
            assertThat(request.signature()).startsWith("t=" + warning.sentAt().getEpochSecond() + ",v1=");
        });
    }

    @Test
    void refusesANameThatResolvesToTheMetadataAddressAtSendTime() throws Exception {
        // Saved while it pointed at an allowed receiver; rebound to the metadata service since.
        WebhookChannel channel = channel(rebinding("hooks.acme.test", "127.0.0.1", "169.254.169.254"), LOOPBACK);
        channel.send(warning(url("hooks.acme.test")));

        assertThatThrownBy(() -> channel.send(warning(url("hooks.acme.test"))))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("webhook refused: host hooks.acme.test resolves to 169.254.169.254, link-local (cloud metadata)");
        assertThat(requests).as("only the first send connected").hasSize(1);
    }

    @Test
    void refusesANameWithAnyInternalAddressAmongPublicOnes() {
        HostResolver dns = host -> List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.5"));

        assertThatThrownBy(() -> channel(dns, WebhookAllowList.NONE).send(warning(url("hooks.acme.test"))))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("10.0.0.5, private (RFC 1918)");
    }

    @Test
    void refusesLoopbackReceiversThatAreNotAllowListed() {
        HostResolver dns = host -> List.of(InetAddress.getByName("127.0.0.1"));

        assertThatThrownBy(() -> channel(dns, WebhookAllowList.NONE).send(warning(url("127.0.0.1"))))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> channel(dns, WebhookAllowList.NONE).send(warning(url("localhost"))))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("internal name");
        assertThat(requests).isEmpty();
    }

    @Test
    void reportsAnErrorStatusAsAFailedDelivery() throws Exception {
        receiver.removeContext("/");
        receiver.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> channel(rebinding("hooks.acme.test", "127.0.0.1", "127.0.0.1"), LOOPBACK).send(warning(url("hooks.acme.test"))))
                .isInstanceOf(DeliveryException.class).hasMessage("webhook answered HTTP 503");
    }

    @Test
    void doesNotFollowRedirects() {
        receiver.removeContext("/");
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestURI().toString(), null, null));
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> channel(rebinding("hooks.acme.test", "127.0.0.1", "127.0.0.1"), LOOPBACK).send(warning(url("hooks.acme.test"))))
                .isInstanceOf(DeliveryException.class).hasMessage("webhook answered HTTP 307");
        assertThat(requests).extracting(Request::path).containsExactly("/hooks/seatflow?tenant=acme");
    }

    @Test
    void reusesThePooledConnectionWhileTheNameKeepsItsAddress() throws Exception {
        // What makes the test below meaningful: the receiver keeps connections alive, and the pool reuses them.
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        receiver.removeContext("/");
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        WebhookChannel channel = channel(rebinding("hooks.acme.test", "127.0.0.1", "127.0.0.1"), LOOPBACK);

        channel.send(warning(url("hooks.acme.test")));
        channel.send(warning(url("hooks.acme.test")));

        assertThat(clientPorts).hasSize(2).containsOnly(clientPorts.get(0));
    }

    @Test
    void doesNotReuseAPooledConnectionOnceTheNameMovedToAnotherAddress() throws Exception {
        // A second receiver on the same port at 127.0.0.2: the first send leaves a kept-alive connection to 127.0.0.1 in the pool.
        List<String> reachedSecond = new CopyOnWriteArrayList<>();
        HttpServer second = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), receiver.getAddress().getPort()), 0);
        second.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            reachedSecond.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        second.start();
        try {
            WebhookChannel channel = channel(rebinding("hooks.acme.test", "127.0.0.1", "127.0.0.2"), LOOPBACK);

            channel.send(warning(url("hooks.acme.test")));
            channel.send(warning(url("hooks.acme.test")));

            assertThat(requests).as("the first send, at 127.0.0.1").hasSize(1);
            assertThat(reachedSecond).as("the second send, at the address checked for it").hasSize(1);
        } finally {
            second.stop(0);
        }
    }

    @Test
    void givesUpOnAReceiverThatDripsItsAnswerPastTheTimeout() throws Exception {
        // Each byte arrives well within the socket timeout; only the overall deadline ends the delivery.
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try (ServerSocket slow = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WebhookHttpClient impatient = new WebhookHttpClient(Duration.ofSeconds(1), 4, defaultTls())) {
            drip.execute(() -> {
                try {
                    Socket connection = slow.accept();
                    connection.getOutputStream().write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    drip.scheduleAtFixedRate(() -> {
                        try {
                            connection.getOutputStream().write('.');
                        } catch (IOException closed) {
                            throw new IllegalStateException(closed);
                        }
                    }, 100, 100, TimeUnit.MILLISECONDS);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            WebhookChannel channel = new WebhookChannel(new WebhookTargetPolicy(true, LOOPBACK, rebinding("hooks.acme.test", "127.0.0.1", "127.0.0.1")),
                    impatient);
            long started = System.nanoTime();

            assertThatThrownBy(() -> channel.send(warning("http://hooks.acme.test:" + slow.getLocalPort() + "/hook")))
                    .isInstanceOf(DeliveryException.class).hasMessageStartingWith("webhook not reached: SocketTimeoutException");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            drip.shutdownNow();
        }
    }

    private static Warning warning(String url) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Warning(UUID.randomUUID(), "acme", UUID.randomUUID(), "KEY-1", now.plus(Duration.ofDays(7)), Duration.ofDays(7),
                ExpiryChannel.WEBHOOK, now, ChannelSettings.of("acme").withWebhook(url, SECRET));
    }
}
