package dev.seatflow.processor.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** A buffered store reads like the store with its pending writes applied, and changes it only on flush. */
class BufferedStoreTest {

    /** put (value non-null), delete (value null), flush or discard. */
    record Operation(String kind, String key, String value, String from, String to) {
    }

    @Property(tries = 300)
    void readsAlwaysSeePendingWritesAndTheStoreChangesOnlyOnFlush(@ForAll("operations") List<Operation> operations) {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("buffered"),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        BufferedStore<String> buffered = new BufferedStore<>(store);
        NavigableMap<String, String> committed = new TreeMap<>();
        NavigableMap<String, String> seen = new TreeMap<>();

        for (Operation operation : operations) {
            switch (operation.kind()) {
                case "put" -> {
                    buffered.put(operation.key(), operation.value());
                    seen.put(operation.key(), operation.value());
                }
                case "delete" -> {
                    buffered.delete(operation.key());
                    seen.remove(operation.key());
                }
                case "flush" -> {
                    buffered.flush();
                    committed = new TreeMap<>(seen);
                }
                default -> {
                    buffered.discard();
                    seen = new TreeMap<>(committed);
                }
            }
            assertThat(buffered.get(operation.key())).isEqualTo(seen.get(operation.key()));
            String from = min(operation.from(), operation.to());
            String to = max(operation.from(), operation.to());
            assertThat(buffered.range(from, to)).isEqualTo(seen.subMap(from, true, to, false));
            assertThat(buffered.firstKey(from, to)).isEqualTo(Optional.ofNullable(seen.subMap(from, true, to, false).isEmpty()
                    ? null : seen.subMap(from, true, to, false).firstKey()));
            assertThat(contents(store)).isEqualTo(committed);
        }
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "b|1", "b|2", "c", "d|x");
        Arbitrary<String> kinds = Arbitraries.frequency(
                Tuple.of(6, "put"), Tuple.of(3, "delete"),
                Tuple.of(1, "flush"), Tuple.of(1, "discard"));
        return Combinators.combine(kinds, keys, Arbitraries.strings().alpha().ofLength(2), keys, keys)
                .as(Operation::new).list().ofMaxSize(40);
    }

    private static NavigableMap<String, String> contents(KeyValueStore<String, String> store) {
        NavigableMap<String, String> contents = new TreeMap<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> contents.put(entry.key, entry.value));
        }
        return contents;
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) <= 0 ? b : a;
    }
}
