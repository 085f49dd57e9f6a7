package dev.seatflow.support.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;

/** The service's shared string-valued Redis connection (see {@link LazyRedisConnection}). */
public final class RedisConnector extends LazyRedisConnection<String, String> {

    public RedisConnector(RedisEndpoint endpoint) {
        super(endpoint, StringCodec.UTF8);
    }

    /** On one Redis server. */
    public RedisConnector(RedisClient client, RedisURI uri) {
        this(RedisEndpoint.single(client, uri));
    }
}
