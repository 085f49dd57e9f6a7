package dev.seatflow.processor.it;

import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.testkit.ServiceArguments;
import dev.seatflow.testkit.ServiceProcess;
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

    /** The processor in a JVM of its own (to kill or freeze it). */
    static ServiceProcess process(TestServices services, String instance) {
        return ServiceProcess.start(services, "processor-" + instance, SeatProcessorApplication.class.getName(),
                arguments(services, services.redis().uri(), instance));
    }

    static ConfigurableApplicationContext start(TestServices services, String redisUri, String instance) {
        return start(arguments(services, redisUri, instance));
    }

    static ConfigurableApplicationContext start(List<String> arguments) {
        return SeatProcessorApplication.application().run(arguments.toArray(String[]::new));
    }
}
