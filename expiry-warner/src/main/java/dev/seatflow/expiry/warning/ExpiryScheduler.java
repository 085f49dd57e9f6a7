package dev.seatflow.expiry.warning;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs a scan every check interval, one at a time; a failed scan is logged and the next one tries again. */
public final class ExpiryScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryScheduler.class);

    private final ExpiryScanner scanner;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public ExpiryScheduler(ExpiryScanner scanner, Duration interval) {
        this.scanner = scanner;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "expiry-scanner"));
        executor.scheduleWithFixedDelay(this::scan, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scan() {
        try {
            ExpiryScanner.Result result = scanner.scan();
            if (result.claimed() + result.sent() + result.recorded() > 0) {
                log.info("expiry scan: {} claimed, {} sent, {} recorded", result.claimed(), result.sent(), result.recorded());
            }
        } catch (RuntimeException e) {
            log.warn("expiry scan failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                log.warn("expiry scanner did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
