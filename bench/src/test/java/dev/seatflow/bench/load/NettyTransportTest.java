package dev.seatflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.bench.load.OpenLoopGenerator.Plan;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The real client against a real, slow HTTP server: requests overlap instead of queueing behind each other. */
class NettyTransportTest {

    @Test
    void sendsWithoutWaitingForEarlierAnswers() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    return request.receive().aggregate().asString().defaultIfEmpty("")
                            .delayElement(Duration.ofMillis(100))
                            .flatMap(body -> {
                                inFlight.decrementAndGet();
                                return response.status(201).sendString(Mono.just("{\"id\":\"x\",\"echo\":" + body.length() + "}")).then();
                            });
                })
                .bindNow();
        try (NettyTransport transport = new NettyTransport("http://127.0.0.1:" + server.port(), 512, Duration.ofSeconds(5))) {
            RunResult result = new OpenLoopGenerator(transport).run(Plan.steady(200, Duration.ofMillis(1500), Duration.ofMillis(1000)),
                    index -> Call.of("acquire", "POST", "/api", "token", "{\"a\":1}"), Map.of("acquire", Set.of(201)));

            assertThat(result.total().requests()).isEqualTo(200);
            assertThat(result.total().errors()).isZero();
            assertThat(result.total().latency().p50()).isBetween(100.0, 2_000.0); // loose: other builds share these cores
            // 200/s with 100 ms answers keeps about 20 requests in flight, each on its own connection.
            assertThat(mostInFlight.get()).isGreaterThanOrEqualTo(10);
        } finally {
            server.disposeNow();
        }
    }
}
