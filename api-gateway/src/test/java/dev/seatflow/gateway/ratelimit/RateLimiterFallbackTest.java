package dev.seatflow.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.localinfra.FreePorts;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TcpProxy;
import dev.seatflow.testkit.TestServices;
import io.github.bucket4j.BucketConfiguration;
import io.lettuce.core.ClientOptions;
import dev.seatflow.support.redis.RedisEndpoint;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** The rate limiter against a real Redis that goes away, comes back, or never answers. */
@RealServices
class RateLimiterFallbackTest {

    /** Longer than any test: a refused request stays refused, whatever the machine's speed. */
    private static final Duration AN_HOUR = Duration.ofHours(1);
    /** Generous, so that only a Redis that is away trips it on a busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final RedisClient client = RedisClient.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Logger fallbackLog = (Logger) LoggerFactory.getLogger(RedisFallback.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        fallbackLog.addAppender(logged);
    }

    @AfterEach
    void shutdown() {
        fallbackLog.detachAppender(logged);
        client.shutdown();
    }

    @Test
    void judgesByLocalBucketsWhileRedisIsAwayAndSharesAgainOnceItAnswers(TestServices services) {
        // Keys of its own: the test kit may hand this test the namespace of the gateway tests, and commands
        // Lettuce held while Redis was away still run once it is back.
        String prefix = "rate-limiter-test-" + UUID.randomUUID() + ":ratelimit:";
        // As the services' own client (RedisSupportConfiguration): commands fail at once while disconnected.
        client.setOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try (TcpProxy proxy = new TcpProxy(services.redis().host(), services.redis().port());
             RedisBuckets redis = new RedisBuckets(RedisEndpoint.single(client, RedisURI.create("redis://127.0.0.1:" + proxy.port())), prefix);
             StatefulRedisConnection<String, String> direct = client.connect(RedisURI.create(services.redis().uri()))) {
            // A cold JVM's first connect and first bucket can take longer than the timeout: not what this test is about.
            redis.take("warm-up", BucketConfiguration.builder().addLimit(limit -> limit.capacity(1).refillGreedy(1, AN_HOUR)).build()).join();
            // Asks Redis on every request while on local buckets, so the way back needs no waiting.
            RateLimiter limiter = new RateLimiter(redis, limits(3, 1), Duration.ZERO, meters);

            admit(limiter.admitClientIp("192.0.2.1"));
            assertThat(direct.sync().exists(prefix + "ip:192.0.2.1")).as("judged by the shared bucket").isEqualTo(1L);
            assertThat(fallbackGauge()).isZero();

            proxy.cut();
            for (int i = 0; i < 3; i++) {
                admit(limiter.admitClientIp("192.0.2.2"));
            }
            assertRefused(limiter.admitClientIp("192.0.2.2"));
            assertThat(direct.sync().exists(prefix + "ip:192.0.2.2")).as("never reached Redis").isZero();
            assertThat(fallbackGauge()).isEqualTo(1);
            assertThat(meters.get("seatflow.gateway.rate_limit_unavailable").counter().count()).isEqualTo(4);
            // Tenants have local buckets of their own, as they have shared ones.
            admit(limiter.admitTenant("t-limited"));

            proxy.restore();
            AtomicInteger address = new AtomicInteger(10);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                admit(limiter.admitClientIp("192.0.2." + address.incrementAndGet()));
                assertThat(fallbackGauge()).isZero();
            });
            admit(limiter.admitClientIp("192.0.2.200"));
            assertThat(direct.sync().exists(prefix + "ip:192.0.2.200")).as("judged by the shared bucket again").isEqualTo(1L);
            assertThat(messages(Level.WARN)).as("one WARN for the switch, not one per request").hasSize(1);
            assertThat(messages(Level.INFO)).hasSize(1);
        }
    }

    @Test
    void aRedisThatNeverAnswersCostsOneRequestTheTimeoutNotEveryRequest() throws IOException {
        // Accepted by the kernel, never answered: without the limiter's timeout a request would wait the URI's minute.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RedisURI uri = RedisURI.create("redis://127.0.0.1:" + silent.getLocalPort());
            uri.setTimeout(Duration.ofMinutes(1));
            AtomicInteger asked = new AtomicInteger();
            try (RedisBuckets redis = new RedisBuckets(RedisEndpoint.single(client, uri), "silent:")) {
                SharedBuckets counted = (key, configuration) -> {
                    asked.incrementAndGet();
                    return redis.take(key, configuration);
                };
                RateLimiter limiter = new RateLimiter(counted, limits(3, 1), AN_HOUR, meters);

                for (int i = 0; i < 3; i++) {
                    admit(limiter.admitTenant("t-limited"));
                }
                assertRefused(limiter.admitTenant("t-limited"));

                assertThat(asked).as("Redis asked once, then left alone until the retry interval").hasValue(1);
                assertThat(fallbackGauge()).isEqualTo(1);
                assertThat(messages(Level.WARN)).singleElement(InstanceOfAssertFactories.STRING).contains("TimeoutException");
            }
        }
    }

    @Test
    void dividesTheLocalLimitsByTheExpectedInstancesRoundingUp() {
        try (RedisBuckets redis = new RedisBuckets(RedisEndpoint.single(client, RedisURI.create("redis://127.0.0.1:" + FreePorts.pick())), "closed:")) {
            RateLimiter limiter = new RateLimiter(redis, limits(5, 2), AN_HOUR, meters);

            for (int i = 0; i < 3; i++) {
                admit(limiter.admitClientIp("192.0.2.1"));
            }
            assertRefused(limiter.admitClientIp("192.0.2.1"));
        }
    }

    /** The same limit per tenant and per client IP, per hour. */
    private static GatewaySettings.RateLimit limits(int requests, int fallbackInstances) {
        return new GatewaySettings.RateLimit(true, requests, requests, AN_HOUR, TIMEOUT, fallbackInstances, 1000);
    }

    /** Admitted, in far less than the silent server's minute. */
    private static void admit(Mono<Void> admission) {
        admission.block(Duration.ofSeconds(10));
    }

    private static void assertRefused(Mono<Void> admission) {
        assertThatThrownBy(() -> admission.block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(refused.retryAfter()).isPositive();
                });
    }

    private double fallbackGauge() {
        return meters.get("seatflow.gateway.rate_limit_fallback").gauge().value();
    }

    private List<String> messages(Level level) {
        return List.copyOf(logged.list).stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
