package dev.seatflow.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway stand-in on 127.0.0.1 for what the CLI sends (paths and Authorization headers) and
 * for answers a real gateway does not give on demand (a body shorter than its manifest).
 */
final class StubGateway implements AutoCloseable {

    /** One request as the stub saw it. */
    record Seen(String path, String authorization) {
    }

    /** An answer: status, headers, body. */
    record Answer(int status, Map<String, String> headers, String body) {

        static Answer json(String body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body);
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubGateway(Map<String, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, answers));
        server.start();
    }

    private void answer(HttpExchange exchange, Map<String, Answer> answers) throws IOException {
        String path = exchange.getRequestURI().getPath();
        seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = answers.getOrDefault(path, new Answer(404, Map.of("Content-Type", "application/problem+json"),
                "{\"status\":404,\"code\":\"not_found\",\"detail\":\"no such path\"}"));
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Without a trailing slash, as a user might type it. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
