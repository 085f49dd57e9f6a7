package dev.seatflow.processor.timer;

import dev.seatflow.processor.state.BufferedStore;
import dev.seatflow.processor.state.Keys;
import java.time.Instant;
import java.util.Optional;

/**
 * An index of timers ordered by due time: keys are the due instant in zero-padded epoch millis,
 * then tenant, kind and id, so the next due timer is the first key of a range scan, found
 * without looking at anything else. Ties on the due instant are broken by tenant, kind and id:
 * the order timers fire in is a function of the index alone.
 */
public final class DueTimers {

    private static final String FIRST = millis(0) + Keys.SEPARATOR;

    private static final String LAST = millis(Long.MAX_VALUE);

    private final BufferedStore<String> index;
    /**
     * No timer is due before this (epoch millis), or null when unknown. Every record asks for the
     * due timers, and most of the time none is: this spares the range scan. It is only ever a
     * lower bound of the index's first due time: set from a scan of an index without pending
     * writes, lowered by every schedule, and a cancel can only move the first due time later. It
     * saves work and changes no answer, so a new instance (after a restore) starts without it.
     */
    private Long noneBefore;

    public DueTimers(BufferedStore<String> index) {
        this.index = index;
    }

    public void schedule(Timer timer) {
        index.put(key(timer), "");
        if (noneBefore != null && timer.due().toEpochMilli() < noneBefore) {
            noneBefore = timer.due().toEpochMilli();
        }
    }

    /** The first timer due at or before {@code time}, if any. */
    public Optional<Timer> next(Instant time) {
        if (noneBefore != null && time.toEpochMilli() < noneBefore) {
            return Optional.empty();
        }
        Optional<Timer> earliest = earliest();
        return earliest.filter(timer -> !timer.due().isAfter(time));
    }

    /** The first timer of the index, whenever it is due. */
    public Optional<Timer> earliest() {
        Optional<Timer> earliest = index.firstKey(FIRST, LAST).map(DueTimers::parse);
        if (!index.hasPendingWrites()) {
            // A pending delete could be rolled back: only what is applied may raise the bound.
            noneBefore = earliest.map(timer -> timer.due().toEpochMilli()).orElse(Long.MAX_VALUE);
        }
        return earliest;
    }

    public boolean contains(Timer timer) {
        return index.get(key(timer)) != null;
    }

    public void cancel(Timer timer) {
        index.delete(key(timer));
    }

    /** The index key of a timer (also what a dead-lettered timer is recorded as). */
    public static String key(Timer timer) {
        return millis(timer.due().toEpochMilli()) + Keys.SEPARATOR + timer.tenant() + Keys.SEPARATOR
                + timer.kind() + Keys.SEPARATOR + timer.id();
    }

    private static Timer parse(String key) {
        String[] parts = key.split("\\|", 4);
        return new Timer(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1], Timer.Kind.valueOf(parts[2]), parts[3]);
    }

    /** Zero-padded to the 19 digits of {@code Long.MAX_VALUE}, so that key order is time order. */
    private static String millis(long epochMillis) {
        String digits = Long.toString(Math.max(0, epochMillis));
        return "0".repeat(19 - digits.length()) + digits;
    }
}
