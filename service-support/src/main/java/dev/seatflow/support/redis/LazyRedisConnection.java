package dev.seatflow.support.redis;

import io.lettuce.core.codec.RedisCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A shared Redis connection opened on first use, without blocking the caller: a service starts
 * (not ready) while Redis is away, and a request thread (a Netty event loop) that needs Redis
 * never waits for a connect, which would stall every other request on that loop. One attempt at a
 * time; a failed attempt is forgotten so the next use tries again. Once connected, Lettuce
 * reconnects by itself.
 */
public class LazyRedisConnection<K, V> implements AutoCloseable {

    private final RedisEndpoint endpoint;
    private final RedisCodec<K, V> codec;
    private final AtomicReference<CompletableFuture<RedisLink<K, V>>> attempt = new AtomicReference<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean closed;

    public LazyRedisConnection(RedisEndpoint endpoint, RedisCodec<K, V> codec) {
        this.endpoint = endpoint;
        this.codec = codec;
    }

    /**
     * The connection, or the attempt under way; fails (asynchronously) while Redis cannot be reached.
     * Each caller gets its own copy: a caller that gives up (a Reactor timeout cancels its future)
     * cancels neither the shared attempt nor anyone else's wait.
     */
    public CompletableFuture<RedisLink<K, V>> connectAsync() {
        return shared().copy();
    }

    private CompletableFuture<RedisLink<K, V>> shared() {
        while (true) {
            CompletableFuture<RedisLink<K, V>> current = attempt.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the Redis connection is closed"));
            }
            CompletableFuture<RedisLink<K, V>> next = new CompletableFuture<>();
            if (attempt.compareAndSet(current, next)) {
                attempts.incrementAndGet();
                endpoint.connectAsync(codec).whenComplete((connection, error) -> {
                    if (error != null) {
                        next.completeExceptionally(error);
                    } else {
                        next.complete(connection);
                    }
                });
                return next;
            }
        }
    }

    /**
     * The connection, waiting for the connect (bounded by the client's connect timeouts): only for
     * threads of their own, such as a consumer loop, never for a request thread.
     *
     * @throws io.lettuce.core.RedisConnectionException while Redis cannot be reached
     */
    public RedisLink<K, V> connection() {
        try {
            return shared().join(); // a join cancels nothing: no copy needed (consumer loops call this per batch)
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Connect attempts made so far (tests). */
    int attempts() {
        return attempts.get();
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<RedisLink<K, V>> current = attempt.getAndSet(null);
        if (current != null) {
            current.thenAccept(RedisLink::close);
        }
    }
}
