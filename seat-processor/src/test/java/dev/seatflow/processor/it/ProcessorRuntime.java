package dev.seatflow.processor.it;

import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.testkit.TestServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real seat processor service against the test kit's services. */
final class ProcessorRuntime {

    private ProcessorRuntime() {
    }

    static List<String> arguments(TestServices services, String redisUri, String instance) {
        Path stateDir = Path.of(System.getProperty("seatflow.test.work-dir", "target/test-work"),
                services.namespace().id(), "streams-" + instance);
        return new ArrayList<>(List.of(
                "--server.port=0",
                "--seatflow.kafka.bootstrap-servers=" + services.kafka().bootstrapServers(),
                "--seatflow.kafka.topic-prefix=" + services.namespace().topicPrefix(),
                "--seatflow.redis.uri=" + redisUri,
                "--seatflow.redis.key-prefix=" + services.namespace().redisKeyPrefix(),
                "--seatflow.processor.state-dir=" + stateDir.toAbsolutePath(),
                "--seatflow.processor.replication-factor=1",
                "--seatflow.processor.lapse-check-interval=200ms",
                "--logging.structured.format.console="));
    }

    static ConfigurableApplicationContext start(TestServices services, String redisUri, String instance) {
        return SeatProcessorApplication.application().run(arguments(services, redisUri, instance).toArray(String[]::new));
    }
}
