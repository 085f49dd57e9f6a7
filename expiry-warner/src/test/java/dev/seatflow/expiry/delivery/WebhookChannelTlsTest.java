package dev.seatflow.expiry.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.expiry.webhook.HostResolver;
import dev.seatflow.expiry.webhook.WebhookAllowList;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinning keeps TLS honest: the connection goes to the checked address, the certificate is still
 * checked against the URL's host name (a receiver whose certificate names another host is refused).
 */
class WebhookChannelTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static HttpsServer receiver;
    private static SSLContext trustingTheReceiver;
    private static final List<String> hosts = new CopyOnWriteArrayList<>();
    private static WebhookHttpClient http;

    @BeforeAll
    static void startReceiverWithACertificateForHooksAcmeTest(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=hooks.acme.test", "-ext", "SAN=dns:hooks.acme.test", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        trustingTheReceiver = SSLContext.getInstance("TLS");
        trustingTheReceiver.init(null, trust.getTrustManagers(), null);

        receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        http = new WebhookHttpClient(Duration.ofSeconds(10), 4, trustingTheReceiver);
    }

    @AfterAll
    static void stopReceiver() {
        http.close();
        receiver.stop(0);
    }

    private static WebhookChannel channel() {
        // Every name of this test's DNS points at the receiver on loopback.
        HostResolver dns = host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        WebhookTargetPolicy policy = new WebhookTargetPolicy(false, WebhookAllowList.parse(List.of("127.0.0.0/8")), dns);
        return new WebhookChannel(policy, http);
    }

    private static String url(String host) {
        return "https://" + host + ":" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void checksTheCertificateAgainstTheUrlsHostWhileConnectingToThePinnedAddress() throws Exception {
        channel().send(warning(url("hooks.acme.test")));

        assertThat(hosts).containsExactly("hooks.acme.test:" + receiver.getAddress().getPort());
    }

    @Test
    void refusesAReceiverWhoseCertificateNamesAnotherHost() {
        assertThatThrownBy(() -> channel().send(warning(url("other.acme.test"))))
                .isInstanceOf(DeliveryException.class).hasMessageStartingWith("webhook not reached: SSLHandshakeException");
    }

    private static Warning warning(String url) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Warning(UUID.randomUUID(), "acme", UUID.randomUUID(), "KEY-1", now.plus(Duration.ofDays(7)), Duration.ofDays(7),
                ExpiryChannel.WEBHOOK, now, ChannelSettings.of("acme").withWebhook(url, "whsec-0123456789abcdef"));
    }
}
