package dev.seatflow.bench.system;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A JVM the harness started (the platform or the baseline), its output in a log file of its own. */
public final class ChildProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    /** Kafka producers log each retried produce or transaction request with the error's name. */
    private static final Pattern RETRY = Pattern.compile("retrying.*?Error: ([A-Z_]+)|Error: ([A-Z_]+).*?retry", Pattern.CASE_INSENSITIVE);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Path logFile) {
        log.info("starting {} (log {}): {}", name, logFile, String.join(" ", command));
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Polls {@code readyUrl} until it answers 200; fails if the process exits or {@code timeout} passes. */
    public void awaitReady(String readyUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see " + logFile);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    log.info("{} is ready", name);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + logFile);
    }

    /** CPU time the process has used so far (all its threads). */
    public Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public long logSize() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Kafka produce/transaction retries logged between two log sizes, counted by error name. */
    public Map<String, Long> producerRetries(long from, long to) {
        Map<String, Long> counts = new TreeMap<>();
        if (to <= from) {
            return counts;
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.min(to - from, 256L * 1024 * 1024)];
            file.seek(from);
            file.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher matcher = RETRY.matcher(line);
                if (matcher.find()) {
                    counts.merge(matcher.group(1) != null ? matcher.group(1) : matcher.group(2), 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            log.warn("cannot read {}: {}", logFile, e.toString());
        }
        return counts;
    }

    /** SIGTERM (the services drain and close), then kill after 60 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        log.info("stopping {}", name);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                log.warn("{} did not stop in 60 s; killing it", name);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
