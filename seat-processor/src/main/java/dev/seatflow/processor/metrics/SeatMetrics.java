package dev.seatflow.processor.metrics;

import dev.seatflow.schemas.decision.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seat processor's meters: decisions by outcome, command-to-decision latency, dead letters,
 * repeated commands, live sessions and store sizes (the last two summed over this instance's tasks).
 */
public final class SeatMetrics {

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> decisions = new EnumMap<>(Outcome.class);
    private final Timer latency;
    private final Counter duplicates;
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Long> liveSessionsByTask = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> storeSizesByTask = new ConcurrentHashMap<>();
    private final java.util.Set<String> registeredStores = ConcurrentHashMap.newKeySet();

    public SeatMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            decisions.put(outcome, Counter.builder("seatflow.decisions").tag("outcome", outcome.name())
                    .description("Commands decided, by outcome").register(registry));
        }
        latency = Timer.builder("seatflow.decision.latency")
                .description("From the gateway issuing a command to the processor deciding it")
                .publishPercentileHistogram()
                .register(registry);
        duplicates = Counter.builder("seatflow.commands.repeated")
                .description("Commands whose id was seen before; answered with the first decision").register(registry);
        Gauge.builder("seatflow.sessions.live", liveSessionsByTask, map -> map.values().stream().mapToLong(Long::longValue).sum())
                .description("Live sessions held in this instance's tasks").register(registry);
    }

    public void decided(Outcome outcome, Duration sinceIssued) {
        decisions.get(outcome).increment();
        latency.record(sinceIssued.isNegative() ? Duration.ZERO : sinceIssued);
    }

    public void repeated() {
        duplicates.increment();
    }

    public void deadLettered(String reason) {
        deadLetters.computeIfAbsent(reason, r -> Counter.builder("seatflow.commands.dead_lettered").tag("reason", r)
                .description("Commands (and timers) sent to the dead-letter topic").register(registry)).increment();
    }

    public void liveSessions(String task, long count) {
        liveSessionsByTask.put(task, count);
    }

    public void storeSizes(String task, Map<String, Long> sizes) {
        storeSizesByTask.put(task, Map.copyOf(sizes));
        sizes.keySet().stream().filter(registeredStores::add).forEach(store -> Gauge.builder("seatflow.store.entries", storeSizesByTask,
                        all -> all.values().stream().mapToLong(m -> m.getOrDefault(store, 0L)).sum())
                .tag("store", store).description("Approximate entries of a state store").register(registry));
    }

    public void taskClosed(String task) {
        liveSessionsByTask.remove(task);
        storeSizesByTask.remove(task);
    }
}
