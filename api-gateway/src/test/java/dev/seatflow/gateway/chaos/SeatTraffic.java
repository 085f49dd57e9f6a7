package dev.seatflow.gateway.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatflow.gateway.commands.CommandIds;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.schemas.common.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Desktop clients of several tenants using floating seats through the gateway: each acquires,
 * heartbeats and releases its own seat, one request at a time, every request with an
 * Idempotency-Key; on 503 {@code decision_pending} it retries with the key the answer names.
 * Every answer is recorded with the command id its key stands for.
 */
final class SeatTraffic {

    /** One answer the gateway gave. */
    record Answer(String operation, String tenant, String user, String key, UUID commandId, int status, Map<String, Object> body,
                  Instant at) {
    }

    /** A client: its tenant, user, token and the session it holds (null when none). */
    static final class Client {
        final String tenant;
        final String user;
        final String token;
        final AtomicReference<String> session = new AtomicReference<>();
        final AtomicBoolean busy = new AtomicBoolean();

        Client(String tenant, String user, String token) {
            this.tenant = tenant;
            this.user = user;
            this.token = token;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RETRIES = 20;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> licenseKeys;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();

    SeatTraffic(String baseUrl, Map<String, String> licenseKeys) {
        this.baseUrl = baseUrl;
        this.licenseKeys = licenseKeys;
    }

    List<Answer> answers() {
        return answers;
    }

    /** Sends the client's next request unless it is still waiting for the last one. */
    void next(Client client, Random random) {
        if (!client.busy.compareAndSet(false, true)) {
            return;
        }
        String session = client.session.get();
        CompletableFuture<Answer> sent;
        if (session == null) {
            Map<String, String> body = Map.of("license_key", licenseKeys.get(client.tenant), "hardware_id", "hw-" + client.user);
            sent = send(client, "acquire", "POST", "/api/v1/licenses/acquire", body, UUID.randomUUID().toString(), 0);
        } else if (random.nextInt(10) < 7) {
            sent = send(client, "heartbeat", "PATCH", "/api/v1/licenses/sessions/" + session + "/heartbeat", null, UUID.randomUUID().toString(), 0);
        } else {
            sent = send(client, "release", "DELETE", "/api/v1/licenses/sessions/" + session, null, UUID.randomUUID().toString(), 0);
        }
        inFlight.add(sent.whenComplete((answer, error) -> {
            if (answer != null) {
                track(client, answer);
            }
            client.busy.set(false);
        }));
    }

    /** Waits for every request sent so far (and its retries). */
    void drain() {
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(2, java.util.concurrent.TimeUnit.MINUTES).join();
    }

    private CompletableFuture<Answer> send(Client client, String operation, String method, String path, Object body, String key, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + client.token).header(CommandIds.HEADER, key);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        UUID commandId = CommandIds.of(new Caller(client.tenant, client.user, Role.MEMBER), operation, key).id();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            Answer answer = new Answer(operation, client.tenant, client.user, key, commandId, response.statusCode(), read(response.body()),
                    Instant.now());
            answers.add(answer);
            if (response.statusCode() == 503 && attempt < MAX_RETRIES && answer.body().get("idempotency_key") != null) {
                // Follow the hint to the letter: the key it names reaches the same command.
                return send(client, operation, method, path, body, (String) answer.body().get("idempotency_key"), attempt + 1);
            }
            return CompletableFuture.completedFuture(answer);
        });
    }

    /** What the client holds after an answer. */
    private static void track(Client client, Answer answer) {
        Function<Answer, String> id = a -> (String) a.body().get("id");
        switch (answer.operation()) {
            case "acquire" -> client.session.set(answer.status() == 200 || answer.status() == 201 ? id.apply(answer) : null);
            case "heartbeat" -> {
                if (answer.status() == 404 || answer.status() == 410) {
                    client.session.set(null);
                }
            }
            default -> {
                if (answer.status() == 200 || answer.status() == 404) {
                    client.session.set(null);
                }
            }
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String body) {
        try {
            return body == null || body.isBlank() ? Map.of() : JSON.readValue(body, Map.class);
        } catch (java.io.IOException e) {
            return Map.of("unreadable", body);
        }
    }
}
