package dev.seatflow.expiry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server playing a tenant's webhook receiver: it records every delivery, checks its
 * signature the way a receiver would (its own code, not the warner's) and answers a set status.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Delivery(String idempotencyKey, String signatureHeader, boolean signatureValid, Map<String, Object> json) {

        String threshold() {
            return (String) json.get("threshold");
        }
    }

    private final HttpServer server;
    private final String secret;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile int status = 204;

    WebhookReceiver(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("Seatflow-Signature");
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Idempotency-Key"), signature,
                    verify(secret, signature, body), JSON.readValue(body, new TypeReference<Map<String, Object>>() { })));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    String secret() {
        return secret;
    }

    void answer(int newStatus) {
        status = newStatus;
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    /** What a receiver does: split t and v1, HMAC-SHA256(secret, t + "." + body), compare in constant time. */
    static boolean verify(String secret, String header, byte[] body) {
        if (header == null) {
            return false;
        }
        Map<String, String> parts = new java.util.HashMap<>();
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            parts.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = (parts.get("t") + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            String expected = java.util.HexFormat.of().formatHex(mac.doFinal(signed));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    String.valueOf(parts.get("v1")).getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
