package dev.seatflow.support.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TcpProxy;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@RealServices
class LazyRedisConnectionTest {

    private final RedisClient client = RedisClient.create();

    @AfterEach
    void shutdown() {
        client.shutdown();
    }

    @Test
    void connectsOnFirstUseAndSharesOneConnection(TestServices services) {
        try (RedisConnector connector = new RedisConnector(client, RedisURI.create(services.redis().uri()))) {
            RedisLink<String, String> first = connector.connectAsync().join();

            assertThat(connector.connectAsync().join()).isSameAs(first);
            assertThat(connector.connection()).isSameAs(first);
            assertThat(connector.attempts()).isEqualTo(1);
            assertThat(first.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void makesOneAttemptAtATimeWithoutBlockingTheCaller() throws IOException {
        // Accepted by the kernel, never answered: the handshake waits for the URI's timeout (a minute here).
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RedisURI uri = RedisURI.create("redis://127.0.0.1:" + silent.getLocalPort());
        uri.setTimeout(Duration.ofMinutes(1));
        try (RedisConnector connector = new RedisConnector(client, uri)) {
            CompletableFuture<RedisLink<String, String>> first = connector.connectAsync();
            CompletableFuture<RedisLink<String, String>> second = connector.connectAsync();
            assertThat(first).isNotDone();
            assertThat(connector.attempts()).isEqualTo(1);

            second.cancel(true); // a caller giving up (a Reactor timeout) leaves the attempt to the others
            assertThat(first).isNotDone();

            silent.close(); // resets the pending connection
            await().atMost(Duration.ofSeconds(30)).until(first::isCompletedExceptionally);
            CompletableFuture<RedisLink<String, String>> retry = connector.connectAsync();
            assertThat(connector.attempts()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(retry::isDone);
        } finally {
            silent.close();
        }
    }

    @Test
    void triesAgainAfterAFailedConnect(TestServices services) {
        try (TcpProxy proxy = new TcpProxy(services.redis().host(), services.redis().port());
             RedisConnector connector = new RedisConnector(client, RedisURI.create("redis://127.0.0.1:" + proxy.port()))) {
            proxy.cut();
            CompletableFuture<RedisLink<String, String>> refused = connector.connectAsync();
            await().atMost(Duration.ofSeconds(30)).until(refused::isDone);
            assertThat(refused).isCompletedExceptionally();

            proxy.restore();

            assertThat(connector.connectAsync().join().sync().ping()).isEqualTo("PONG");
        }
    }
}
