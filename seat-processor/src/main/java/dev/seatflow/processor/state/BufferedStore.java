package dev.seatflow.processor.state;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store seen through the writes of the decision under way. Reads see those writes;
 * nothing reaches the store until {@link #flush()}, and {@link #discard()} forgets them, so a
 * decision that fails halfway leaves no trace. Pending writes are kept in key order, so the order
 * in which they reach the store (and its changelog) does not depend on hashing.
 */
public final class BufferedStore<V> {

    private final KeyValueStore<String, V> store;
    /** Pending writes; an empty value is a pending delete. */
    private final NavigableMap<String, Optional<V>> pending = new TreeMap<>();

    public BufferedStore(KeyValueStore<String, V> store) {
        this.store = store;
    }

    public V get(String key) {
        Optional<V> written = pending.get(key);
        if (written != null) {
            return written.orElse(null);
        }
        return store.get(key);
    }

    public void put(String key, V value) {
        pending.put(key, Optional.of(value));
    }

    public void delete(String key) {
        pending.put(key, Optional.empty());
    }

    /** Entries with keys from {@code from} (inclusive) to {@code to} (exclusive), in key order, pending writes applied. */
    public NavigableMap<String, V> range(String from, String to) {
        NavigableMap<String, V> result = new TreeMap<>();
        try (KeyValueIterator<String, V> stored = store.range(from, to)) {
            // Kafka's range is inclusive of its upper bound; ours is not.
            stored.forEachRemaining(entry -> {
                if (entry.key.compareTo(to) < 0) {
                    result.put(entry.key, entry.value);
                }
            });
        }
        overlay(pending.subMap(from, true, to, false), result);
        return result;
    }

    /** The first entry from {@code from} (inclusive) to {@code to} (exclusive), pending writes applied. */
    public Optional<String> firstKey(String from, String to) {
        String firstStored = null;
        try (KeyValueIterator<String, V> stored = store.range(from, to)) {
            while (stored.hasNext() && firstStored == null) {
                String key = stored.next().key;
                Optional<V> written = pending.get(key);
                if (key.compareTo(to) < 0 && (written == null || written.isPresent())) {
                    firstStored = key;
                }
            }
        }
        String firstPending = pending.subMap(from, true, to, false).entrySet().stream()
                .filter(entry -> entry.getValue().isPresent()).map(Map.Entry::getKey).findFirst().orElse(null);
        if (firstStored == null || (firstPending != null && firstPending.compareTo(firstStored) < 0)) {
            return Optional.ofNullable(firstPending);
        }
        return Optional.of(firstStored);
    }

    public boolean hasPendingWrites() {
        return !pending.isEmpty();
    }

    void flush() {
        pending.forEach((key, value) -> {
            if (value.isPresent()) {
                store.put(key, value.get());
            } else {
                store.delete(key);
            }
        });
        pending.clear();
    }

    void discard() {
        pending.clear();
    }

    long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    private static <V> void overlay(Map<String, Optional<V>> writes, NavigableMap<String, V> onto) {
        writes.forEach((key, value) -> {
            if (value.isPresent()) {
                onto.put(key, value.get());
            } else {
                onto.remove(key);
            }
        });
    }
}
