package dev.seatflow.processor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.processor.timer.DueTimers;
import dev.seatflow.processor.timer.Timer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The due-timer index answers like a scan of its timers with pending writes applied, whatever it
 * remembered of earlier scans (here, beside {@link BufferedStore}, to flush and discard its writes
 * as a decision does).
 */
class DueTimersTest {

    /** schedule, cancel, next (at {@code at}), commit or rollback; timers due at 0..5 s, few enough to meet again. */
    record Operation(String kind, int due, int tenant, int at) {
    }

    private static final Comparator<Timer> ORDER = Comparator.comparing(DueTimers::key);

    @Property(tries = 300)
    void nextIsAlwaysTheFirstTimerDueByThenOfWhatAScanWouldSee(@ForAll("operations") List<Operation> operations) {
        BufferedStore<String> index = emptyIndex();
        DueTimers timers = new DueTimers(index);
        TreeSet<Timer> committed = new TreeSet<>(ORDER);
        TreeSet<Timer> seen = new TreeSet<>(ORDER);

        for (Operation operation : operations) {
            Timer timer = new Timer(Instant.ofEpochSecond(operation.due()), "t" + operation.tenant(), Timer.Kind.LAPSE, "s");
            switch (operation.kind()) {
                case "schedule" -> {
                    timers.schedule(timer);
                    seen.add(timer);
                }
                case "cancel" -> {
                    timers.cancel(timer);
                    seen.remove(timer);
                }
                case "commit" -> {
                    index.flush();
                    committed = new TreeSet<>(seen);
                }
                case "rollback" -> {
                    index.discard();
                    seen = new TreeSet<>(committed);
                }
                default -> {
                    Instant at = Instant.ofEpochSecond(operation.at());
                    Optional<Timer> expected = seen.stream().findFirst().filter(first -> !first.due().isAfter(at));
                    assertThat(timers.next(at)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aTimerWhoseCancelIsRolledBackIsDueAgain() {
        BufferedStore<String> index = emptyIndex();
        DueTimers timers = new DueTimers(index);
        Timer lapse = new Timer(Instant.ofEpochSecond(5), "t0", Timer.Kind.LAPSE, "s");
        timers.schedule(lapse);
        index.flush();

        timers.cancel(lapse);
        assertThat(timers.next(Instant.ofEpochSecond(10))).isEmpty();
        index.discard();

        assertThat(timers.next(Instant.ofEpochSecond(10))).contains(lapse);
    }

    private static BufferedStore<String> emptyIndex() {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("timers"),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return new BufferedStore<>(store);
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<String> kinds = Arbitraries.of("schedule", "schedule", "cancel", "next", "next", "commit", "rollback");
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 6)).as(Operation::new).list().ofMaxSize(60);
    }
}
