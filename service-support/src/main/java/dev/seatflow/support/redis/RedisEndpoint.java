package dev.seatflow.support.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.RedisCodec;
import java.util.concurrent.CompletableFuture;

/**
 * The Lettuce client of a service: for one Redis server or for a Redis Cluster
 * ({@code seatflow.redis.cluster}). Connections of either kind come back as a {@link RedisLink}.
 */
public sealed interface RedisEndpoint permits RedisEndpoint.Single, RedisEndpoint.Cluster {

    <K, V> CompletableFuture<RedisLink<K, V>> connectAsync(RedisCodec<K, V> codec);

    void shutdown();

    static RedisEndpoint single(RedisClient client, RedisURI uri) {
        return new Single(client, uri);
    }

    static RedisEndpoint cluster(RedisClusterClient client) {
        return new Cluster(client);
    }

    record Single(RedisClient client, RedisURI uri) implements RedisEndpoint {

        @Override
        public <K, V> CompletableFuture<RedisLink<K, V>> connectAsync(RedisCodec<K, V> codec) {
            return client.connectAsync(codec, uri).toCompletableFuture().thenApply(RedisLink.Single::new);
        }

        @Override
        public void shutdown() {
            client.shutdown();
        }
    }

    /** A cluster, found from the seed URI the client was made with (e.g. a managed cluster's discovery endpoint). */
    record Cluster(RedisClusterClient client) implements RedisEndpoint {

        @Override
        public <K, V> CompletableFuture<RedisLink<K, V>> connectAsync(RedisCodec<K, V> codec) {
            // Lettuce's asynchronous connect needs the topology loaded first (its synchronous one loads it itself).
            return client.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(loaded -> client.connectAsync(codec))
                    .thenApply(RedisLink.Cluster::new);
        }

        @Override
        public void shutdown() {
            client.shutdown();
        }
    }
}
