package dev.seatflow.support.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The service's shared Redis connection, opened on first use rather than at startup, so a service
 * starts (not ready) while Redis is down and connects once it is back. After the first connect
 * Lettuce reconnects by itself.
 */
public final class RedisConnector implements AutoCloseable {

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisConnector(RedisClient client) {
        this.client = client;
    }

    /** @throws io.lettuce.core.RedisConnectionException while Redis cannot be reached */
    public StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                connection = client.connect();
            }
            return connection;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
