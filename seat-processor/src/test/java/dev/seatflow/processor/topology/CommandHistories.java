package dev.seatflow.processor.topology;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random command histories of a few tenants, small enough that seats run out, sessions lapse,
 * licenses expire and ids repeat. A step names what happens and refers to earlier steps by
 * number; {@link HistoryLog} turns it into concrete records.
 */
final class CommandHistories {

    static final int TENANTS = 2;
    static final int USERS = 4;
    static final int KEYS = 2;
    static final int MACHINES = 2;

    private CommandHistories() {
    }

    /** One entry of the log: how far the broker's clock moved since the previous record, and what is appended. */
    record Step(long advanceMillis, boolean stampedEarlier, int tenant, Action action) {
    }

    sealed interface Action {
    }

    record Acquire(int user, int key, int machine) implements Action {
    }

    /** {@code acquire} picks one of the acquires so far (modulo their number). */
    record Heartbeat(int user, int acquire) implements Action {
    }

    record Release(int user, boolean byAdmin, int acquire) implements Action {
    }

    /** {@code perUser}: the license's own limit of sessions per user (0: none). */
    record CreateLicense(int key, int expiryMinutes, int perUser) implements Action {
    }

    record ChangeExpiry(int key, int expiryMinutes) implements Action {
    }

    record SetActive(int key, boolean active) implements Action {
    }

    record Delete(int key) implements Action {
    }

    /**
     * plan 0 FREE, 1 PRO, 2 ENTERPRISE (with {@code seats}); ttl 0 keeps the tenant's; {@code perUser}
     * the tenant's limit of sessions per user, -1 keeps it, 0 removes it.
     */
    record Configure(int plan, int seats, int ttlSeconds, int perUser) implements Action {
    }

    /**
     * Sends one of the commands so far again, with the same id: the same request, or (reusing the
     * idempotency key) the request of another command.
     */
    record Repeat(int command, boolean otherRequest, int other) implements Action {
    }

    record ExplicitTick() implements Action {
    }

    static Arbitrary<List<Step>> histories() {
        return step().list().ofMinSize(5).ofMaxSize(80);
    }

    private static Arbitrary<Step> step() {
        Arbitrary<Long> advance = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(10, Arbitraries.longs().between(1, 2_000)),
                Tuple.of(10, Arbitraries.longs().between(2_000, 30_000)),
                Tuple.of(3, Arbitraries.longs().between(30_000, 400_000)));
        Arbitrary<Boolean> earlier = Arbitraries.integers().between(0, 19).map(i -> i == 0);
        return Combinators.combine(advance, earlier, Arbitraries.integers().between(0, TENANTS - 1), action()).as(Step::new);
    }

    private static Arbitrary<Action> action() {
        Arbitrary<Integer> user = Arbitraries.integers().between(0, USERS - 1);
        Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS - 1);
        Arbitrary<Integer> reference = Arbitraries.integers().between(0, 1_000);
        Arbitrary<Integer> expiry = Arbitraries.integers().between(1, 120);
        return Arbitraries.frequencyOf(
                Tuple.of(12, Combinators.combine(user, key, Arbitraries.integers().between(0, MACHINES - 1)).as(Acquire::new)),
                Tuple.of(14, Combinators.combine(user, reference).as(Heartbeat::new)),
                Tuple.of(4, Combinators.combine(user, Arbitraries.of(true, false), reference).as(Release::new)),
                Tuple.of(4, Combinators.combine(key, expiry, Arbitraries.of(0, 0, 1, 2)).as(CreateLicense::new)),
                Tuple.of(1, Combinators.combine(key, expiry).as(ChangeExpiry::new)),
                Tuple.of(1, Combinators.combine(key, Arbitraries.of(true, false)).as(SetActive::new)),
                Tuple.of(1, key.map(Delete::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 4),
                        Arbitraries.of(0, 30, 60, 120), Arbitraries.of(-1, -1, 0, 1, 2)).as(Configure::new)),
                Tuple.of(3, Combinators.combine(reference, Arbitraries.of(true, false), reference)
                        .as(Repeat::new)),
                Tuple.of(1, Arbitraries.just(new ExplicitTick())));
    }
}
