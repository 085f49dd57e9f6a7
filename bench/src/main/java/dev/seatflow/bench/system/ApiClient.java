package dev.seatflow.bench.system;

import dev.seatflow.bench.load.Call;
import dev.seatflow.bench.load.Transport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API as the harness uses it: blocking calls for setting up fixtures (dev tokens,
 * tenants, licenses, live sessions) and the {@link Call}s the generator sends. Seatflow and the
 * baseline answer the same paths and bodies (snake_case JSON).
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Transport transport;

    public ApiClient(Transport transport) {
        this.transport = transport;
    }

    public static Call acquireCall(String operation, String token, String licenseKey, String hardwareId) {
        return Call.of(operation, "POST", "/api/v1/licenses/acquire", token,
                json("license_key", licenseKey, "hardware_id", hardwareId));
    }

    public static Call heartbeatCall(String token, String sessionId) {
        return Call.of("heartbeat", "PATCH", "/api/v1/licenses/sessions/" + sessionId + "/heartbeat", token, null);
    }

    public static Call releaseCall(String token, String sessionId) {
        return Call.of("release", "DELETE", "/api/v1/licenses/sessions/" + sessionId, token, null);
    }

    /** The {@code id} field of a JSON answer (a session or a license). */
    public static String id(byte[] body) {
        return field(body, "id");
    }

    /** A development ID token from the target's local issuer. */
    public String token(String tenantId, String userId, String role) {
        return field(expect(Call.of("token", "POST", "/dev/tokens", null,
                json("tenant_id", tenantId, "user_id", userId, "role", role, "ttl_seconds", 86_400)), 200), "token");
    }

    /** Enterprise plan with a configured seat cap (the owner's token). */
    public void configureTenant(String ownerToken, int maxSeats) {
        expect(Call.of("tenant", "PATCH", "/api/v1/tenant", ownerToken, json("plan", "ENTERPRISE", "max_seats", maxSeats)), 200);
    }

    /** A new license valid for a year; returns its key. */
    public String createLicense(String ownerToken) {
        String expiry = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] body = expect(Call.of("license", "POST", "/api/v1/licenses", ownerToken,
                json("tier", "PRO", "features", List.of("bench"), "expiry_date", expiry)), 201);
        return field(body, "key");
    }

    /** Seats in use in the caller's tenant, as the read side reports them. */
    public int seatsInUse(String token) {
        return read(expect(Call.of("seats", "GET", "/api/v1/seats", token, null), 200)).path("in_use").asInt();
    }

    /** Sends the acquire calls with at most {@code concurrency} in flight; the session id of each, in order. */
    public List<String> acquireAll(List<Call> calls, int concurrency) {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<byte[]>> answers = new ArrayList<>(calls.size());
        for (Call call : calls) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<byte[]> answer = send(call, 200, 201);
            answer.whenComplete((body, error) -> inFlight.release());
            answers.add(answer);
        }
        return answers.stream().map(CompletableFuture::join).map(ApiClient::id).toList();
    }

    private byte[] expect(Call call, int status) {
        return send(call, status).join();
    }

    private CompletableFuture<byte[]> send(Call call, int... expected) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        transport.send(call, new Transport.Callback() {
            @Override
            public void completed(int status, byte[] body) {
                for (int ok : expected) {
                    if (status == ok) {
                        answer.complete(body);
                        return;
                    }
                }
                answer.completeExceptionally(new IllegalStateException(call.method() + " " + call.path() + " answered " + status
                        + ": " + new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            }

            @Override
            public void failed(Throwable error) {
                answer.completeExceptionally(new IllegalStateException(call.method() + " " + call.path() + " failed: " + error, error));
            }
        });
        return answer;
    }

    private static String field(byte[] body, String name) {
        JsonNode value = read(body).get(name);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("answer has no '" + name + "': " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        return value.asString();
    }

    private static JsonNode read(byte[] body) {
        return JSON.readTree(body);
    }

    private static String json(Object... namesAndValues) {
        java.util.Map<String, Object> object = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSON.writeValueAsString(object);
    }
}
