package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.processor.topology.CommandHistories.Step;
import dev.seatflow.processor.topology.ReplayDriver.LogRecord;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionDetails;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.streams.KeyValue;

/**
 * Every decision is a pure function of the log. A random multi-tenant history is read twice:
 * straight, and by a processor whose wall clock moves at random (so it writes ticks of its own),
 * with more ticks in the log, that crashes after some records, leaving the records after its last
 * commit to a new owner that restores the state from the changelogs and reads them again. Every
 * reply and every event, including those the crashed instance wrote in its aborted transaction
 * (which an early reader may have seen), must be byte for byte what the straight run wrote.
 */
class ReplayDeterminismTest {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final TopicCatalog TOPICS = new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded()));

    @Property(tries = 200)
    void aReplayWithTicksWallClockMovesAndACrashDecidesByteForByteTheSame(@ForAll("histories") List<Step> history,
                                                                         @ForAll long seed) {
        Random random = new Random(seed);
        HistoryLog.Played straight = HistoryLog.play(history, START, random);
        Statistics.label("replies").collect(bucket(straight.outputs().replies().size()));
        Set<String> happened = happened(straight.outputs());
        for (String what : List.of("SEATS_EXHAUSTED", "EXTENDED", "SESSION_EXPIRED", "LICENSE_EXPIRED", "SESSION_LIMIT_REACHED",
                "IDEMPOTENCY_KEY_REUSE")) {
            // The histories must reach the cases that matter in a good share of tries, not only trivial ones.
            Statistics.label(what).collect(happened.contains(what))
                    .coverage(checker -> checker.check(true).percentage(percent -> percent >= 10));
        }

        ReplayOutputs replayed = replayWithCrash(withExtraTicks(straight.log(), random), random);

        assertThat(straight.outputs().deadLetters).isZero();
        assertThat(replayed.deadLetters).isZero();
        assertThat(replayed.replies().keySet()).isEqualTo(straight.outputs().replies().keySet());
        replayed.replies().forEach((command, reply) ->
                assertThat(reply).as("reply to %s", command).isEqualTo(straight.outputs().replies().get(command)));
        assertThat(replayed.events().keySet()).isEqualTo(straight.outputs().events().keySet());
        replayed.events().forEach((event, bytes) ->
                assertThat(bytes).as("event %s", event).isEqualTo(straight.outputs().events().get(event)));
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return CommandHistories.histories();
    }

    /** The log with a tick appended before some of its records, between their neighbours' times. */
    private static List<LogRecord> withExtraTicks(List<LogRecord> log, Random random) {
        List<LogRecord> ticked = new ArrayList<>();
        Instant previous = START;
        for (LogRecord record : log) {
            if (random.nextInt(8) == 0 && record.time().isAfter(previous)) {
                long span = Duration.between(previous, record.time()).toMillis();
                ticked.add(HistoryLog.tickAt(TOPICS, previous.plusMillis(random.nextLong(span + 1)), random));
            }
            ticked.add(record);
            previous = record.time().isAfter(previous) ? record.time() : previous;
        }
        return ticked;
    }

    /**
     * A first instance reads records [0, crash) and commits after {@code committed} of them; a second
     * restores the committed state from the changelogs and reads [committed, end).
     */
    private static ReplayOutputs replayWithCrash(List<LogRecord> log, Random random) {
        int crash = random.nextInt(log.size() + 1);
        int committed = random.nextInt(crash + 1);
        ReplayOutputs outputs = new ReplayOutputs();
        Map<String, List<KeyValue<String, byte[]>>> changelog;
        WallClock firstClock = WallClock.random(random);
        try (ReplayDriver first = new ReplayDriver(START, firstClock.tickInterval())) {
            read(first, firstClock, log.subList(0, committed), outputs, random);
            changelog = first.newChangelogRecords();
            read(first, firstClock, log.subList(committed, crash), outputs, random);
            outputs.deadLetters += first.deadLetterCount();
        }
        WallClock secondClock = WallClock.random(random);
        try (ReplayDriver second = new ReplayDriver(START, secondClock.tickInterval())) {
            second.restore(changelog);
            read(second, secondClock, log.subList(committed, log.size()), outputs, random);
            outputs.deadLetters += second.deadLetterCount();
        }
        return outputs;
    }

    /**
     * How a processor's wall clock moves while it reads. Keeping up, it stays at or behind the next
     * record's append time, and the ticks it writes land between records, as on a broker. Lagging,
     * it runs minutes ahead of the records it reads; it then writes no tick here, because the
     * driver would read a tick ahead of the backlog, where a broker appends it after.
     */
    private record WallClock(boolean lagging) {

        static WallClock random(Random random) {
            return new WallClock(random.nextBoolean());
        }

        Duration tickInterval() {
            return lagging ? Duration.ofDays(30) : Duration.ofSeconds(1);
        }

        Instant before(LogRecord record, Random random) {
            return lagging ? record.time().plusMillis(random.nextInt(600_000)) : record.time().minusMillis(random.nextInt(60_000));
        }
    }

    private static void read(ReplayDriver driver, WallClock clock, List<LogRecord> records, ReplayOutputs outputs, Random random) {
        for (LogRecord record : records) {
            if (random.nextInt(3) == 0) {
                driver.advanceWallClockTo(clock.before(record, random));
                outputs.add(null, driver.newReplies(), driver.newEvents(), driver.topics());
            }
            driver.append(record);
            outputs.add(record, driver.newReplies(), driver.newEvents(), driver.topics());
        }
    }

    /** Outcomes of the straight run's replies, and SESSION_EXPIRED / LICENSE_EXPIRED when a session lapsed or a license expired under one. */
    private static Set<String> happened(ReplayOutputs outputs) {
        Set<String> happened = new HashSet<>();
        outputs.replies().values().forEach(reply -> happened.add(
                TOPICS.replies().valueSerde().deserializer().deserialize(TOPICS.replies().name(), reply).getOutcome().name()));
        outputs.events().values().forEach(bytes -> {
            LicenseEvent event = TOPICS.events().valueSerde().deserializer().deserialize(TOPICS.events().name(), bytes);
            if (event.getAction() == AuditAction.SESSION_EXPIRED) {
                happened.add("SESSION_EXPIRED");
            }
            if (event.getDetails() instanceof SessionDetails details && details.getSession().getEndReason() == EndReason.LICENSE_EXPIRED) {
                happened.add("LICENSE_EXPIRED");
            }
        });
        return happened;
    }

    private static String bucket(int count) {
        return count == 0 ? "0" : count < 10 ? "1-9" : count < 50 ? "10-49" : "50+";
    }
}
