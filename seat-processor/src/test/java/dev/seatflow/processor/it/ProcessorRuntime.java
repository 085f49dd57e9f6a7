package dev.seatflow.processor.it;

import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.testkit.ServiceArguments;
import dev.seatflow.testkit.TestServices;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real seat processor service against the test kit's services. */
final class ProcessorRuntime {

    private ProcessorRuntime() {
    }

    /** The processor's settings with Redis at {@code redisUri} (e.g. behind a fault-injecting proxy). */
    static List<String> arguments(TestServices services, String redisUri, String instance) {
        List<String> args = ServiceArguments.processor(services, instance);
        args.replaceAll(arg -> arg.startsWith("--seatflow.redis.uri=") ? "--seatflow.redis.uri=" + redisUri : arg);
        return args;
    }

    static ConfigurableApplicationContext start(TestServices services, String redisUri, String instance) {
        return SeatProcessorApplication.application().run(arguments(services, redisUri, instance).toArray(String[]::new));
    }
}
