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

    private final BufferedStore<String> index;

    public DueTimers(BufferedStore<String> index) {
        this.index = index;
    }

    public void schedule(Timer timer) {
        index.put(key(timer), "");
    }

    /** The first timer due at or before {@code time}, if any. */
    public Optional<Timer> next(Instant time) {
        return index.firstKey(FIRST, millis(time.toEpochMilli() + 1)).map(DueTimers::parse);
    }

    /** The first timer of the index, whenever it is due. */
    public Optional<Timer> earliest() {
        return index.firstKey(FIRST, millis(Long.MAX_VALUE)).map(DueTimers::parse);
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

    private static String millis(long epochMillis) {
        return String.format("%019d", Math.max(0, epochMillis));
    }
}
