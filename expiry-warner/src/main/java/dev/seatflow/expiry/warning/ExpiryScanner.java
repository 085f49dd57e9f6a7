package dev.seatflow.expiry.warning;

import dev.seatflow.expiry.channels.Thresholds;
import dev.seatflow.expiry.config.ExpirySettings;
import dev.seatflow.expiry.delivery.DeliveryChannels;
import dev.seatflow.expiry.delivery.DeliveryException;
import dev.seatflow.expiry.delivery.ExpiryChannel;
import dev.seatflow.expiry.delivery.Warning;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the warner: claim the warnings that came due, send the claimed ones whose attempt is
 * due (new claims, retries, and claims left by a warner that stopped before sending) concurrently,
 * a few per tenant at a time ({@link DeliveryLanes}), then record
 * the sent ones as events. A claim is a row; a warning is sent only while its row is claimed, and
 * the row's id travels with every attempt, so a send repeated after a crash carries the same id.
 */
public final class ExpiryScanner {

    private static final Logger log = LoggerFactory.getLogger(ExpiryScanner.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final NotificationStore store;
    private final DeliveryChannels channels;
    private final DeliveryLanes lanes;
    private final WarningRecorder recorder;
    private final ExpirySettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final ExpiryMetrics metrics;
    private final List<String> defaultThresholds;
    private volatile Instant lastScanAt;
    private volatile String lastScanError;

    public ExpiryScanner(NotificationStore store, DeliveryChannels channels, DeliveryLanes lanes, WarningRecorder recorder,
                         ExpirySettings settings, Clock clock, ExpiryMetrics metrics) {
        this.store = store;
        this.channels = channels;
        this.lanes = lanes;
        this.recorder = recorder;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoff().base(), settings.backoff().cap());
        this.clock = clock;
        this.metrics = metrics;
        this.defaultThresholds = settings.defaultThresholds().stream().map(Thresholds::format).toList();
    }

    /** Claims, sends and records everything due now. */
    public synchronized Result scan() {
        try {
            Result result = new Result(claim(), deliver(), record());
            lastScanAt = clock.instant();
            lastScanError = null;
            return result;
        } catch (RuntimeException e) {
            lastScanError = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw e;
        }
    }

    /** Only the first step: claims due warnings without sending them. */
    public synchronized long claim() {
        if (channels.names().isEmpty()) {
            return 0;
        }
        return store.claimDue(clock.instant(), settings.grace(), defaultThresholds, channels.names());
    }

    /**
     * Sends everything due, on the delivery lanes: a tenant's sends beyond its share wait in its
     * lane, and picking goes on for other tenants meanwhile, so one tenant's hanging receiver delays
     * only that tenant's warnings. Returns when nothing is due and every send has finished.
     */
    private int deliver() {
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            while (true) {
                long seen = lanes.finished();
                int room = settings.batchSize() - lanes.pending();
                List<DueWarning> due = List.of();
                if (room > 0) {
                    Instant now = clock.instant();
                    due = store.pickDue(now, now.plus(settings.lease()), room, lanes.perTenant(), lanes.busyTenants());
                    for (DueWarning warning : due) {
                        lanes.submit(warning.tenantId(), () -> {
                            try {
                                if (deliver(warning)) {
                                    sent.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                // Postgres failing under a send: the scan reports it (health), the lease retries the warning.
                                failure.compareAndSet(null, e);
                            }
                        });
                    }
                }
                if (due.isEmpty()) {
                    if (lanes.pending() == 0) {
                        break;
                    }
                    lanes.awaitFinishedBeyond(seen);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending expiry warnings", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return sent.get();
    }

    private boolean deliver(DueWarning due) {
        String obsolete = due.obsoleteBecause();
        if (obsolete != null) {
            store.cancel(due.id(), obsolete);
            metrics.warning(due.channel(), "cancelled");
            log.info("expiry warning {} ({} {} {}) cancelled: {}", due.id(), due.licenseId(), due.threshold(), due.channel(), obsolete);
            return false;
        }
        Optional<ExpiryChannel> channel = channels.get(due.channel());
        Instant now = clock.instant();
        try {
            if (channel.isEmpty()) {
                throw new DeliveryException("channel " + due.channel() + " is not enabled on this warner");
            }
            channel.get().send(new Warning(due.id(), due.tenantId(), due.licenseId(), due.licenseKey(), due.expiryDate(),
                    Thresholds.parse(due.threshold()), due.channel(), now, due.settings()));
        } catch (DeliveryException | RuntimeException e) {
            failed(due, now, e);
            return false;
        }
        store.markSent(due.id(), clock.instant());
        metrics.warning(due.channel(), "sent");
        log.info("expiry warning {} sent: tenant {} license {} threshold {} via {}", due.id(), due.tenantId(), due.licenseId(),
                due.threshold(), due.channel());
        return true;
    }

    private void failed(DueWarning due, Instant now, Exception error) {
        int failures = due.attempts() + 1;
        boolean dead = failures >= settings.maxAttempts() || !now.isBefore(due.claimedAt().plus(settings.giveUpAfter()));
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        message = message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
        store.markFailed(due.id(), message, dead ? now : now.plus(backoff.delay(failures)), dead);
        metrics.warning(due.channel(), dead ? "dead" : "failed");
        if (dead) {
            log.error("expiry warning {} (tenant {} license {} threshold {} via {}) dead after {} attempts: {}", due.id(), due.tenantId(),
                    due.licenseId(), due.threshold(), due.channel(), failures, message);
        } else {
            log.warn("expiry warning {} via {} failed (attempt {}): {}", due.id(), due.channel(), failures, message);
        }
    }

    private int record() {
        int recorded = 0;
        while (true) {
            List<SentWarning> sent = store.unrecorded(settings.batchSize());
            if (sent.isEmpty()) {
                return recorded;
            }
            List<UUID> acknowledged = recorder.record(sent, clock.instant());
            if (!acknowledged.isEmpty()) {
                store.markRecorded(acknowledged, clock.instant());
                metrics.recorded(acknowledged.size());
            }
            recorded += acknowledged.size();
            if (acknowledged.size() < sent.size() || sent.size() < settings.batchSize()) {
                return recorded;
            }
        }
    }

    public Instant lastScanAt() {
        return lastScanAt;
    }

    /** The last scan's failure, null when it succeeded. */
    public String lastScanError() {
        return lastScanError;
    }

    /** What one scan did. */
    public record Result(long claimed, int sent, int recorded) {
    }
}
