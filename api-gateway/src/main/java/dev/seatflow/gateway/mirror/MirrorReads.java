package dev.seatflow.gateway.mirror;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisKeys;
import dev.seatflow.support.redis.RedisSettings;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads of the Redis mirror the seat processor keeps (see {@link RedisKeys}); Redis away is a 503. */
@Component
public class MirrorReads {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisConnector connector;
    private final RedisKeys keys;

    public MirrorReads(RedisConnector connector, RedisSettings settings) {
        this.connector = connector;
        this.keys = new RedisKeys(settings.keyPrefix());
    }

    public RedisKeys keys() {
        return keys;
    }

    public Mono<String> get(String key) {
        return read(redis -> redis.get(key));
    }

    public Mono<Map<String, String>> hash(String key) {
        return read(redis -> redis.hgetall(key));
    }

    /**
     * One page of a time index ({@link RedisKeys#ordered}): at most {@code size} members after
     * {@code after} (exclusive; null from the start), read with one ZRANGE BYLEX, never the whole set.
     */
    public Mono<IndexPage> indexPage(String indexKey, String after, int size) {
        Range<String> range = after == null ? Range.unbounded()
                : Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded());
        return read(redis -> redis.zrangebylex(indexKey, range, Limit.create(0, size + 1L)))
                .map(members -> new IndexPage(members.subList(0, Math.min(size, members.size())), members.size() > size));
    }

    /** Members of a time index, in order, and whether more follow the last. */
    public record IndexPage(List<String> members, boolean more) {

        public List<String> ids() {
            return members.stream().map(RedisKeys::idOf).toList();
        }

        /** The sort key of the last member, where the next page starts after. */
        public String last() {
            return members.isEmpty() ? null : members.get(members.size() - 1);
        }
    }

    /** Several hashes in one pipelined round trip; missing ones come back empty. */
    public Mono<List<Map<String, String>>> hashes(Collection<String> hashKeys) {
        if (hashKeys.isEmpty()) {
            return Mono.just(List.of());
        }
        return Mono.fromFuture(connector::connectAsync).flatMap(connection -> {
            RedisClusterAsyncCommands<String, String> redis = connection.async();
            List<RedisFuture<Map<String, String>>> futures = new ArrayList<>();
            hashKeys.forEach(key -> futures.add(redis.hgetall(key)));
            return Mono.fromFuture(CompletableFuture.allOf(futures.stream().map(RedisFuture::toCompletableFuture)
                            .toArray(CompletableFuture[]::new)))
                    .then(Mono.fromCallable(() -> futures.stream().map(f -> f.toCompletableFuture().join()).toList()));
        }).timeout(TIMEOUT).onErrorMap(MirrorReads::unavailable);
    }

    private <T> Mono<T> read(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        return Mono.fromFuture(connector::connectAsync)
                .flatMap(connection -> Mono.fromCompletionStage(command.apply(connection.async())))
                .timeout(TIMEOUT)
                .onErrorMap(MirrorReads::unavailable);
    }

    private static Throwable unavailable(Throwable error) {
        return error instanceof ApiException ? error
                : new ApiException(ErrorCode.REDIS_UNAVAILABLE, "the read store is unavailable; retry shortly", error)
                .retryAfter(Duration.ofSeconds(2));
    }
}
