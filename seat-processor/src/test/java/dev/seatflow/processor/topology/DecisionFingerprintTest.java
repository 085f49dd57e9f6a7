package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.processor.topology.CommandHistories.Acquire;
import dev.seatflow.processor.topology.CommandHistories.Action;
import dev.seatflow.processor.topology.CommandHistories.ChangeExpiry;
import dev.seatflow.processor.topology.CommandHistories.Configure;
import dev.seatflow.processor.topology.CommandHistories.CreateLicense;
import dev.seatflow.processor.topology.CommandHistories.Delete;
import dev.seatflow.processor.topology.CommandHistories.ExplicitTick;
import dev.seatflow.processor.topology.CommandHistories.Heartbeat;
import dev.seatflow.processor.topology.CommandHistories.Release;
import dev.seatflow.processor.topology.CommandHistories.Repeat;
import dev.seatflow.processor.topology.CommandHistories.SetActive;
import dev.seatflow.processor.topology.CommandHistories.Step;
import dev.seatflow.processor.topology.ReplayDriver.LogRecord;
import dev.seatflow.processor.topology.ReplayOutputs.EventId;
import dev.seatflow.schemas.DeciderVersion;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Guards {@link DeciderVersion}: gateways answer early only from replies of their own decider
 * version, which is sound only if one version always decides the same log the same way. This test
 * plays a fixed corpus of histories (plain seeded {@link Random}, so no library upgrade changes it)
 * and hashes every reply and event byte. When it fails, the same log is now decided or encoded
 * differently: bump {@code DeciderVersion.CURRENT} and record the new fingerprint under the new
 * version here. Never just replace the fingerprint of a version that was released.
 */
class DecisionFingerprintTest {

    /** Fingerprint of the corpus's replies and events, per decider version (append, never edit). */
    private static final Map<Integer, String> FINGERPRINTS = Map.of(
            1, "445945a5823c7d4593c06abcd0609c490dcba9fac17a29ed69fd58240e85ebfa",
            // 2: tenant settings carry offline_grace_seconds (every reply and event that holds them)
            2, "4a8ca92d857ae7c20ef10d20c47e6d8e302c12619f39a827605a8275e1a071c4",
            // 3: heartbeats are not remembered (a repeated one is decided again) and an extended
            // heartbeat carries the license's terms and the tenant's settings
            3, "83f23515f02bef8988d9473d99f381f712e19e203638b1336e94131d4e47e8e4",
            // 4: limits of sessions per user (tenant and license), a command id reused for another
            // request refused, both in the corpus; a quota of licenses per tenant
            4, "f1c1e5180e6c19d0e57a7a34df9b9a7256c3263966a8e55cc6735adfa7e03f76");

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final int HISTORIES = 40;
    private static final int STEPS = 60;

    @Test
    void theSameLogIsDecidedAsThisDeciderVersionAlwaysDecidedIt() {
        assertThat(fingerprint())
                .as("replies or events of the fixed corpus changed: bump DeciderVersion.CURRENT (now %d) and record "
                        + "the new fingerprint under the new version", DeciderVersion.CURRENT)
                .isEqualTo(FINGERPRINTS.get(DeciderVersion.CURRENT));
    }

    @Test
    void theCorpusReachesEveryOutcomeItGuards() {
        Set<Outcome> reached = EnumSet.noneOf(Outcome.class);
        TopicCatalog topics = new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded()));
        corpus((played, record) -> {
            byte[] reply = played.outputs().reply(record);
            if (reply != null) {
                reached.add(topics.replies().valueSerde().deserializer().deserialize(topics.replies().name(), reply).getOutcome());
            }
        });
        assertThat(reached).contains(Outcome.GRANTED, Outcome.EXISTING_SESSION, Outcome.EXTENDED, Outcome.SEATS_EXHAUSTED,
                Outcome.SESSION_LIMIT_REACHED, Outcome.IDEMPOTENCY_KEY_REUSE, Outcome.LICENSE_EXPIRED, Outcome.SESSION_GONE);
    }

    /** Plays the fixed corpus, history by history, handing every log record to {@code each}. */
    private static void corpus(BiConsumer<HistoryLog.Played, LogRecord> each) {
        Random random = new Random(20261201L);
        for (int history = 0; history < HISTORIES; history++) {
            HistoryLog.Played played = HistoryLog.play(steps(random), START, random);
            played.log().forEach(record -> each.accept(played, record));
        }
    }

    private static String fingerprint() {
        MessageDigest digest = sha256();
        Random random = new Random(20261201L);
        for (int history = 0; history < HISTORIES; history++) {
            HistoryLog.Played played = HistoryLog.play(steps(random), START, random);
            assertThat(played.outputs().deadLetters).isZero();
            for (LogRecord record : played.log()) {
                update(digest, played.outputs().reply(record));
            }
            List<Map.Entry<EventId, byte[]>> events = new ArrayList<>(played.outputs().events().entrySet());
            events.sort(Map.Entry.comparingByKey(Comparator.comparing(EventId::tenant).thenComparingLong(EventId::sequence)));
            events.forEach(event -> update(digest, event.getValue()));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed, so that no two different output sequences hash alike; a missing reply counts as -1. */
    private static void update(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            digest.update(bytes);
        }
    }

    private static List<Step> steps(Random random) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            long advance = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1 + random.nextInt(2_000);
                case 2 -> 2_000 + random.nextInt(28_000);
                default -> 30_000 + random.nextInt(370_000);
            };
            steps.add(new Step(advance, random.nextInt(20) == 0, random.nextInt(CommandHistories.TENANTS), action(random)));
        }
        return steps;
    }

    private static Action action(Random random) {
        int user = random.nextInt(CommandHistories.USERS);
        int key = random.nextInt(CommandHistories.KEYS);
        int reference = random.nextInt(1_000);
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> new Acquire(user, key, random.nextInt(CommandHistories.MACHINES));
            case 3, 4, 5 -> new Heartbeat(user, reference);
            case 6 -> new Release(user, random.nextBoolean(), reference);
            case 7 -> switch (random.nextInt(4)) {
                case 0 -> new CreateLicense(key, 1 + random.nextInt(120), random.nextInt(3));
                case 1 -> new ChangeExpiry(key, 1 + random.nextInt(120));
                case 2 -> new SetActive(key, random.nextBoolean());
                default -> new Delete(key);
            };
            case 8 -> new Configure(random.nextInt(3), 1 + random.nextInt(4), List.of(0, 30, 60, 120).get(random.nextInt(4)),
                    random.nextInt(4) - 1);
            default -> random.nextBoolean() ? new Repeat(reference, random.nextInt(4) == 0, random.nextInt(1_000)) : new ExplicitTick();
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
