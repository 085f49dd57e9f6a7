package dev.seatflow.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP conversation with the gateway: bearer token, JSON, problem details. A write carries one
 * {@code Idempotency-Key} on every try, so a retry after a lost answer gets the first decision
 * and never a second seat.
 */
final class Api {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final Supplier<String> tokens;
    private final HttpClient http;
    private final RetryPolicy retries;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile String token;

    Api(URI base, Supplier<String> tokens, HttpClient http, RetryPolicy retries) {
        // Paths resolve against the base: without its trailing slash the base's last segment would be replaced.
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.tokens = tokens;
        this.http = http;
        this.retries = retries;
    }

    /** A write tried until it is answered or a try fails for good; transient failures wait as {@link RetryPolicy} says. */
    Map<String, Object> write(String method, String path, Object body, String idempotencyKey) {
        return retried(() -> once(method, path, body, idempotencyKey));
    }

    /** A read (no Idempotency-Key: reading twice changes nothing), retried like a write. */
    Map<String, Object> read(String path) {
        return retried(() -> once("GET", path, null, null));
    }

    /**
     * A read whose body is streamed to the caller (a download, however long): retried like a write
     * until an answer starts; the caller closes the body.
     */
    HttpResponse<InputStream> stream(String path) {
        return retried(() -> {
            HttpResponse<InputStream> response = exchange("GET", path, null, null, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() < 400) {
                return response;
            }
            try (InputStream body = response.body()) {
                parse(new Answer(response.statusCode(), response.headers(), body.readAllBytes()));
            } catch (IOException e) {
                throw new Retryable(new SeatflowException("no answer from " + base + ": " + e, e), null);
            }
            throw new IllegalStateException("an error status parsed as success");
        });
    }

    /** One try (a token that expired is renewed and the request sent again once); a transient failure is thrown as it is. */
    Map<String, Object> tryOnce(String method, String path, Object body, String idempotencyKey) {
        try {
            return once(method, path, body, idempotencyKey);
        } catch (Retryable e) {
            throw e.failure;
        }
    }

    /** A public read (no token). */
    Map<String, Object> getPublic(String path) {
        try {
            return parse(Answer.of(send(HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray())));
        } catch (Retryable e) {
            throw e.failure;
        }
    }

    private <T> T retried(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (Retryable e) {
                if (attempt >= retries.attempts()) {
                    throw e.failure;
                }
                sleep(retries.delay(attempt, e.retryAfter));
            }
        }
    }

    private Map<String, Object> once(String method, String path, Object body, String idempotencyKey) {
        return parse(Answer.of(exchange(method, path, body, idempotencyKey, HttpResponse.BodyHandlers.ofByteArray())));
    }

    /** Sends with the caller's token (none when the supplier has none); a 401 renews the token and sends once more. */
    private <T> HttpResponse<T> exchange(String method, String path, Object body, String idempotencyKey, HttpResponse.BodyHandler<T> handler) {
        for (boolean renewed = false; ; renewed = true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            String bearer = token(renewed);
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<T> response = send(request.build(), handler);
            if (response.statusCode() != 401 || renewed || bearer == null) {
                return response;
            }
            // The token expired (Firebase ID tokens last an hour): ask the supplier for a new one.
            if (response.body() instanceof InputStream unread) {
                close(unread);
            }
        }
    }

    private String token(boolean renew) {
        if (token == null || renew) {
            token = tokens.get();
        }
        return token;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new Retryable(new SeatflowException("no answer from " + base + ": " + e, e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeatflowException("interrupted", e);
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // an answer not read: nothing to lose
        }
    }

    /** A complete answer: status, headers and body bytes. */
    private record Answer(int status, HttpHeaders headers, byte[] body) {
        static Answer of(HttpResponse<byte[]> response) {
            return new Answer(response.statusCode(), response.headers(), response.body());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(Answer response) {
        int status = response.status();
        // A proxy in front of the gateway answers errors with pages of its own: only JSON is ours.
        boolean isJson = response.headers().firstValue("Content-Type").map(type -> type.contains("json")).orElse(false);
        Map<String, Object> body;
        try {
            body = isJson && response.body().length > 0 ? json.readValue(response.body(), Map.class) : Map.of();
        } catch (RuntimeException unreadable) {
            body = Map.of();
            if (status < 400) {
                throw new SeatflowException(status, "unreadable_answer", "the answer is not the JSON it claims to be");
            }
        }
        if (status < 400) {
            return body;
        }
        SeatflowException failure = new SeatflowException(status, String.valueOf(body.getOrDefault("code", "http_" + status)),
                (String) body.get("detail"));
        if (failure.isTransient()) {
            throw new Retryable(failure, response.headers().firstValue("Retry-After").map(Api::seconds).orElse(null));
        }
        throw failure;
    }

    /** Retry-After in seconds, at most five minutes (an HTTP date or nonsense: the backoff decides). */
    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Math.min(300, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeatflowException("interrupted while waiting to retry", e);
        }
    }

    /** A transient failure and how long the server asked to wait (null: not said). */
    private static final class Retryable extends RuntimeException {
        final SeatflowException failure;
        final Duration retryAfter;

        Retryable(SeatflowException failure, Duration retryAfter) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
            this.retryAfter = retryAfter;
        }
    }
}
