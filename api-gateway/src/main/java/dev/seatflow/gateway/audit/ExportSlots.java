package dev.seatflow.gateway.audit;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission of audit exports and chain verifications: one per tenant at a time (a tenant's second
 * would only compete with its first for the same rows), and no more in all than the export pool
 * has connections, so an admitted one never queues for a connection. Refusals are answered at once.
 */
final class ExportSlots {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final int capacity;
    private final Set<String> tenants = new HashSet<>();

    ExportSlots(int capacity) {
        this.capacity = capacity;
    }

    /** A slot for the tenant, or an ApiException: 429 while it has one, 503 while all are taken. */
    synchronized Slot take(String tenant) {
        if (tenants.contains(tenant)) {
            throw new ApiException(ErrorCode.EXPORT_IN_PROGRESS,
                    "an audit export or chain verification of this tenant is under way; retry when it has finished")
                    .retryAfter(RETRY_AFTER);
        }
        if (tenants.size() >= capacity) {
            throw new ApiException(ErrorCode.EXPORTS_BUSY, "the gateway runs " + capacity
                    + " audit exports at once and all are under way; retry shortly").retryAfter(RETRY_AFTER);
        }
        tenants.add(tenant);
        return new Slot(tenant);
    }

    private synchronized void release(String tenant) {
        tenants.remove(tenant);
    }

    /** Held for the whole export, download included; released once, however it ends. */
    final class Slot {
        private final String tenant;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String tenant) {
            this.tenant = tenant;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                ExportSlots.this.release(tenant);
            }
        }
    }
}
