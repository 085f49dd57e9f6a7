package dev.seatflow.processor.it;

import dev.seatflow.processor.SeatProcessorApplication;
import dev.seatflow.testkit.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seat processor in a JVM of its own, so a test can kill it the hard way (SIGKILL): no
 * shutdown hook, no final commit, open transactions left for the broker to abort.
 */
final class ProcessorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ProcessorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ProcessorProcess start(TestServices services, String instance) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SeatProcessorApplication.class.getName()));
        command.addAll(ProcessorRuntime.arguments(services, services.redis().uri(), instance));
        Path log = Path.of(System.getProperty("seatflow.test.work-dir", "target/test-work"),
                services.namespace().id(), "processor-" + instance + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ProcessorProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Freezes the JVM (SIGSTOP): its clock runs on while it reads nothing, as a processor stuck in a long pause. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a paused JVM go on (SIGCONT). */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
