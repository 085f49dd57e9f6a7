package dev.seatflow.expiry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for FCM's HTTP v1 API: records each {@code messages:send} request and answers
 * as FCM does, with the message name (or with an FCM error when told to).
 */
final class LocalFcm implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(String path, String authorization, Map<String, Object> json) {

        @SuppressWarnings("unchecked")
        Map<String, Object> message() {
            return (Map<String, Object>) json.get("message");
        }

        @SuppressWarnings("unchecked")
        Map<String, String> data() {
            return (Map<String, String>) message().get("data");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    LocalFcm() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                    JSON.readValue(body, new TypeReference<Map<String, Object>>() { })));
            byte[] answer = (failing
                    ? "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\"}}"
                    : "{\"name\":\"projects/demo-seatflow/messages/" + requests.size() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(failing ? 404 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void fail(boolean fail) {
        failing = fail;
    }

    List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
