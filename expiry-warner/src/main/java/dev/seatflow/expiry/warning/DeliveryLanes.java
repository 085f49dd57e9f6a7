package dev.seatflow.expiry.warning;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sends on a pool of {@code concurrency} threads, at most {@code perTenant} of one tenant at
 * a time. A tenant's further sends wait in its own lane without taking a thread, so a tenant whose
 * receiver hangs until the timeout holds {@code perTenant} threads and no more: everyone else's
 * warnings keep going out on the rest.
 */
public final class DeliveryLanes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLanes.class);

    private final ExecutorService pool;
    private final int perTenant;
    private final Map<String, Lane> lanes = new HashMap<>();
    private long finished;

    private static final class Lane {
        int running;
        final Queue<Runnable> waiting = new ArrayDeque<>();

        int pending() {
            return running + waiting.size();
        }
    }

    public DeliveryLanes(int concurrency, int perTenant) {
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "expiry-delivery-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
        this.perTenant = perTenant;
    }

    public int perTenant() {
        return perTenant;
    }

    /** Runs the send when the tenant has a free slot; it must not throw (failures are its to record). */
    public synchronized void submit(String tenantId, Runnable send) {
        Lane lane = lanes.computeIfAbsent(tenantId, tenant -> new Lane());
        if (lane.running < perTenant) {
            start(tenantId, lane, send);
        } else {
            lane.waiting.add(send);
        }
    }

    /** Sends submitted and not finished, all tenants. */
    public synchronized int pending() {
        return lanes.values().stream().mapToInt(Lane::pending).sum();
    }

    /** Tenants with {@code perTenant} or more sends submitted: more of theirs would only wait. */
    public synchronized Set<String> busyTenants() {
        return lanes.entrySet().stream().filter(entry -> entry.getValue().pending() >= perTenant).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** How many sends have finished so far; with {@link #awaitFinishedBeyond} a wait that misses none. */
    public synchronized long finished() {
        return finished;
    }

    /** Waits until more than {@code seen} sends have finished (or none is pending). */
    public synchronized void awaitFinishedBeyond(long seen) throws InterruptedException {
        while (finished <= seen && !lanes.isEmpty()) {
            wait();
        }
    }

    private void start(String tenantId, Lane lane, Runnable send) {
        lane.running++;
        try {
            pool.execute(task(tenantId, lane, send));
        } catch (RejectedExecutionException e) {
            // Closed: the send's lease runs out and another scan (or instance) sends it.
            lane.running--;
            if (lane.pending() == 0) {
                lanes.remove(tenantId);
            }
            notifyAll();
            throw e;
        }
    }

    private Runnable task(String tenantId, Lane lane, Runnable send) {
        return () -> {
            try {
                send.run();
            } catch (RuntimeException e) {
                log.error("expiry warning send of tenant {} failed unexpectedly", tenantId, e);
            } finally {
                done(tenantId, lane);
            }
        };
    }

    private synchronized void done(String tenantId, Lane lane) {
        lane.running--;
        finished++;
        Runnable next = lane.waiting.poll();
        if (next != null && !pool.isShutdown()) {
            start(tenantId, lane, next);
        } else if (lane.running == 0) {
            lane.waiting.clear();
            lanes.remove(tenantId);
        }
        notifyAll();
    }

    /** Stops taking sends; those under way end at their timeout. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
