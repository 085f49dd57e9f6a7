package dev.seatflow.support.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * An open connection to one Redis or to a Redis Cluster, used through the commands both have. On
 * a cluster Lettuce routes a keyed command (a script by its first key) to the node owning the
 * slot, splits multi-key DEL by slot, scans every master and loads scripts on all of them.
 */
public sealed interface RedisLink<K, V> permits RedisLink.Single, RedisLink.Cluster {

    RedisClusterCommands<K, V> sync();

    RedisClusterAsyncCommands<K, V> async();

    void close();

    record Single<K, V>(StatefulRedisConnection<K, V> connection) implements RedisLink<K, V> {

        @Override
        public RedisClusterCommands<K, V> sync() {
            return connection.sync();
        }

        @Override
        public RedisClusterAsyncCommands<K, V> async() {
            return connection.async();
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    record Cluster<K, V>(StatefulRedisClusterConnection<K, V> connection) implements RedisLink<K, V> {

        @Override
        public RedisClusterCommands<K, V> sync() {
            return connection.sync();
        }

        @Override
        public RedisClusterAsyncCommands<K, V> async() {
            return connection.async();
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
