package dev.seatflow.bench.load;

import java.util.function.BiConsumer;

/**
 * One HTTP request of a run.
 *
 * @param operation label the latency and statuses are recorded under (e.g. {@code acquire})
 * @param body JSON body, or null
 * @param onResponse called with status and body on the transport's thread (must not block), or null
 */
public record Call(String operation, String method, String path, String bearerToken, String body,
                   BiConsumer<Integer, byte[]> onResponse) {

    public static Call of(String operation, String method, String path, String token, String body) {
        return new Call(operation, method, path, token, body, null);
    }

    public Call then(BiConsumer<Integer, byte[]> handler) {
        return new Call(operation, method, path, bearerToken, body, handler);
    }
}
