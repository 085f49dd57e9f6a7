package dev.seatflow.bench.load;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Reactor Netty HTTP/1.1 client on one event-loop thread of its own (the generator shares two
 * cores with the platform), with a connection pool large enough that requests never queue for a
 * connection: an open loop needs one connection per request in flight.
 */
public final class NettyTransport implements Transport, AutoCloseable {

    private static final byte[] EMPTY = new byte[0];

    private final LoopResources loops;
    private final ConnectionProvider connections;
    private final HttpClient client;

    public NettyTransport(String baseUrl, int maxConnections, Duration responseTimeout) {
        this.loops = LoopResources.create("bench-http", 1, true);
        this.connections = ConnectionProvider.builder("bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(responseTimeout)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.client = HttpClient.create(connections)
                .runOn(loops)
                .baseUrl(baseUrl)
                .responseTimeout(responseTimeout)
                .keepAlive(true);
    }

    @Override
    public void send(Call call, Callback callback) {
        HttpClient configured = client.headers(headers -> {
            if (call.bearerToken() != null) {
                headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + call.bearerToken());
            }
            if (call.body() != null) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            }
        });
        HttpClient.RequestSender request = configured.request(HttpMethod.valueOf(call.method())).uri(call.path());
        HttpClient.ResponseReceiver<?> receiver = call.body() == null ? request
                : request.send(ByteBufMono.fromString(Mono.just(call.body()), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT));
        receiver.responseSingle((response, content) -> content.asByteArray()
                        .defaultIfEmpty(EMPTY)
                        .map(bytes -> new Answer(response.status().code(), bytes)))
                .subscribe(answer -> callback.completed(answer.status(), answer.body()), callback::failed);
    }

    private record Answer(int status, byte[] body) {
    }

    @Override
    public void close() {
        connections.dispose();
        loops.dispose();
    }
}
