package dev.seatflow.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seatflow.gateway.security.LocalTokenIssuer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-test stand-in for the two Google endpoints firebase-admin calls to verify ID tokens: the
 * certificate map (the token issuer's, so signatures are really checked) and the Identity
 * Toolkit's {@code accounts:lookup} (what {@code verifyIdToken(token, true)} asks about the user).
 */
final class FakeGoogleIdentity implements AutoCloseable {

    static final String CERTIFICATES = "/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Long> validSince = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private volatile int lookupStatus = 200;

    FakeGoogleIdentity(LocalTokenIssuer issuer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] certificates = JSON.writeValueAsBytes(issuer.certificateMap());
        server.createContext(CERTIFICATES, exchange -> answer(exchange, 200, certificates));
        server.createContext("/v1/projects/", this::lookup);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Like Firebase's revokeRefreshTokens: the user's tokens issued before this second are revoked. */
    void revokeTokensIssuedBefore(String uid, long epochSecond) {
        validSince.put(uid, epochSecond);
    }

    /** Makes user lookups fail as an unavailable Google would. */
    void failLookups() {
        lookupStatus = 503;
    }

    int lookups(String uid) {
        return lookups.computeIfAbsent(uid, key -> new AtomicInteger()).get();
    }

    private void lookup(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().endsWith("/accounts:lookup")) {
            answer(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"NOT_FOUND\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String uid = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("localId").path(0).asString();
        lookups.computeIfAbsent(uid, key -> new AtomicInteger()).incrementAndGet();
        if (lookupStatus != 200) {
            answer(exchange, lookupStatus, "{\"error\":{\"code\":503,\"message\":\"UNAVAILABLE\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, Object> user = Map.of("localId", uid, "validSince", Long.toString(validSince.getOrDefault(uid, 0L)), "disabled", false);
        answer(exchange, 200, JSON.writeValueAsBytes(Map.of("kind", "identitytoolkit#GetAccountInfoResponse", "users", List.of(user))));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.getResponseHeaders().add("Cache-Control", "public, max-age=3600");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
