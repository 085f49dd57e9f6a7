package dev.seatflow.processor.timer;

import dev.seatflow.processor.state.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An index of timers ordered by due time: keys are the due instant in zero-padded epoch millis,
 * then tenant, kind and id, so a range scan up to "now" finds exactly what is due without looking
 * at anything else.
 */
public final class DueTimers {

    private final KeyValueStore<String, String> index;

    public DueTimers(KeyValueStore<String, String> index) {
        this.index = index;
    }

    public void schedule(Timer timer) {
        index.put(key(timer), "");
    }

    /** Timers due at or before {@code now}, oldest first, at most {@code limit}. */
    public List<Timer> due(Instant now, int limit) {
        List<Timer> due = new ArrayList<>();
        try (var range = index.range(millis(0) + Keys.SEPARATOR, millis(now.toEpochMilli()) + Keys.SEPARATOR + '\uffff')) {
            while (range.hasNext() && due.size() < limit) {
                due.add(parse(range.next().key));
            }
        }
        return due;
    }

    public void cancel(Timer timer) {
        index.delete(key(timer));
    }

    private static String key(Timer timer) {
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
