package dev.seatflow.client;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The gateway's API by path, for tools that call endpoints the SDK has no method for (the admin
 * CLI): JSON in and out as the server writes it (snake_case maps), with the SDK's conversation,
 * the token asked again on 401, one {@code Idempotency-Key} across a write's retries, transient
 * failures retried as {@link RetryPolicy} says, refusals thrown as {@link SeatflowException}.
 */
public final class SeatflowApi {

    private final Api api;

    private SeatflowApi(Api api) {
        this.api = api;
    }

    /**
     * @param tokens bearer tokens; a supplier that answers null sends no token (public paths such
     *     as the local platform's {@code /dev/tokens})
     */
    public static SeatflowApi create(URI baseUrl, Supplier<String> tokens, RetryPolicy retries) {
        return new SeatflowApi(new Api(baseUrl, tokens, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), retries));
    }

    /** GET {@code path} (relative to the base URL, e.g. {@code api/v1/seats}). */
    public Map<String, Object> get(String path) {
        return api.read(path);
    }

    /** A write (POST, PATCH, DELETE) with a fresh Idempotency-Key kept across its retries; {@code body} may be null. */
    public Map<String, Object> write(String method, String path, Object body) {
        return api.write(method, path, body, UUID.randomUUID().toString());
    }

    /** GET {@code path} whose body is streamed; close the download. */
    public Download download(String path) {
        HttpResponse<InputStream> response = api.stream(path);
        return new Download(response.body(), name -> response.headers().firstValue(name),
                response.headers().firstValueAsLong("Content-Length"));
    }

    /**
     * A streamed answer.
     *
     * @param length the body's length when the server said it (a chunked stream does not)
     */
    public record Download(InputStream body, Headers headers, OptionalLong length) implements AutoCloseable {

        public Optional<String> header(String name) {
            return headers.first(name);
        }

        @Override
        public void close() throws java.io.IOException {
            body.close();
        }
    }

    /** Response headers by name (case-insensitive). */
    @FunctionalInterface
    public interface Headers {
        Optional<String> first(String name);
    }
}
