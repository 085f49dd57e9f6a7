package dev.seatflow.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line settings that point a Seatflow service at a test's services and namespace. */
public final class ServiceArguments {

    private ServiceArguments() {
    }

    /**
     * Kafka, Redis, random HTTP and management ports (a service reports the latter as the property
     * {@code local.management.port}); readable log lines.
     */
    public static List<String> common(TestServices services) {
        return new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--seatflow.kafka.bootstrap-servers=" + services.kafka().bootstrapServers(),
                "--seatflow.kafka.topic-prefix=" + services.namespace().topicPrefix(),
                "--seatflow.redis.uri=" + services.redis().uri(),
                "--seatflow.redis.key-prefix=" + services.namespace().redisKeyPrefix(),
                "--logging.structured.format.console="));
    }

    public static List<String> postgres(PostgresService postgres) {
        return List.of("--seatflow.postgres.host=" + postgres.host(),
                "--seatflow.postgres.port=" + postgres.port(),
                "--seatflow.postgres.database=" + postgres.database(),
                "--seatflow.postgres.username=" + postgres.user(),
                "--seatflow.postgres.password=" + postgres.password(),
                "--seatflow.postgres.schema=" + postgres.schema());
    }

    /** The seat processor, with its state under the test's work directory. */
    public static List<String> processor(TestServices services, String instance) {
        List<String> args = common(services);
        args.add("--seatflow.processor.state-dir=" + Path.of(System.getProperty("seatflow.test.work-dir", "target/test-work"),
                services.namespace().id(), "streams-" + instance).toAbsolutePath());
        args.add("--seatflow.processor.replication-factor=1");
        args.add("--seatflow.processor.tick-interval=200ms");
        return args;
    }
}
