package dev.seatflow.processor.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mirror-apply.lua against a real Redis: a batch's records apply in order or not at all past a failure. */
@RealServices
class MirrorScriptTest {

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private String sha;
    private String prefix;

    @BeforeEach
    void connect(TestServices services) throws IOException {
        client = RedisClient.create(services.redis().uri());
        connection = client.connect();
        redis = connection.sync();
        try (InputStream in = RedisMirror.class.getResourceAsStream("/lua/mirror-apply.lua")) {
            sha = redis.scriptLoad(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        prefix = "mirror-script-" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void aRecordWhosePredecessorInTheBatchFailedIsRefusedSoTheRetryLosesNothing() {
        String sequence = prefix + "seq";
        String offset = prefix + "offset";
        String session = prefix + "session";
        redis.set(session, "not a hash");

        // Event 5 of the tenant fails (its HSET meets a string), event 6 comes right after it in the pipeline.
        assertThatThrownBy(() -> apply(sequence, offset, 5, 10, -1, "HSET", session, "1", "user_id", "alice"))
                .hasMessageContaining("WRONGTYPE");
        assertThatThrownBy(() -> apply(sequence, offset, 6, 11, 10, "SET", prefix + "seat-count", "1"))
                .hasMessageContaining("OUT_OF_ORDER");
        assertThat(redis.get(sequence)).isNull();
        assertThat(redis.get(offset)).isNull();

        // The retry, once the cause is gone, applies both in order.
        redis.del(session);
        assertThat(apply(sequence, offset, 5, 10, -1, "HSET", session, "1", "user_id", "alice")).isEqualTo(1);
        assertThat(apply(sequence, offset, 6, 11, 10, "SET", prefix + "seat-count", "1")).isEqualTo(1);
        assertThat(redis.hget(session, "user_id")).isEqualTo("alice");
        assertThat(redis.get(sequence)).isEqualTo("6");
        assertThat(redis.get(offset)).isEqualTo("11");
    }

    @Test
    void aRedeliveredEventIsPassedOverAndStillMovesTheOffset() {
        String sequence = prefix + "seq";
        String offset = prefix + "offset";
        apply(sequence, offset, 1, 3, -1, "SET", prefix + "a", "first");

        assertThat(apply(sequence, offset, 1, 3, -1, "SET", prefix + "a", "again")).isZero();
        assertThat(redis.get(prefix + "a")).isEqualTo("first");
        assertThat(apply(sequence, offset, -1, 4, 3)).as("a record with nothing to write").isEqualTo(1);
        assertThat(redis.get(offset)).isEqualTo("4");
    }

    private Long apply(String sequenceKey, String offsetKey, long sequence, long offset, long after, String... operations) {
        String[] args = new String[3 + operations.length];
        args[0] = Long.toString(sequence);
        args[1] = Long.toString(offset);
        args[2] = Long.toString(after);
        System.arraycopy(operations, 0, args, 3, operations.length);
        return redis.evalsha(sha, ScriptOutputType.INTEGER, new String[] {sequenceKey, offsetKey}, args);
    }
}
